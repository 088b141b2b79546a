package org.massmap.spark.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * One catalog file found by {@link CatalogFiles}.
 *
 * @param uri              fully qualified Hadoop URI of the file ({@code hdfs://nn:8020/survey/a.fits},
 *                         {@code file:/data/a.fits}), usable on any executor
 * @param length           size in bytes when listed
 * @param modificationTime last modification, milliseconds since 1970-01-01 UTC, as the file system
 *                         reports it: for logs and manifests only, never for deciding what to recompute
 *                         (the nightly rerun fingerprints tiles from their galaxies)
 */
public record CatalogFile(String uri, long length, long modificationTime) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CatalogFile {
        Objects.requireNonNull(uri, "uri");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " for " + uri);
        }
    }
}
