package org.massmap.spark.job;

import java.io.Serializable;

/** A catalog split that could not be read, with the reason; its galaxies are left out of the run. */
public record InputProblem(String uri, long startRow, long endRow, String reason) implements Serializable {
}
