package org.massmap.spark.job;

import java.io.Serializable;

/** An input catalog file's URI, size and SHA-256, computed on an executor. */
public record InputChecksum(String uri, long bytes, String sha256) implements Serializable {
}
