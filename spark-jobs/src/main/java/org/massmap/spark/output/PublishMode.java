package org.massmap.spark.output;

import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;

/**
 * How a small manifest file ({@code current.json}, {@code manifest.json}) replaces the previous
 * version so that readers see either the old one or the new one, whole. The right way depends on
 * the file system: object stores have no atomic rename (it is a copy then a delete) but make an
 * object visible only when its upload completes; HDFS renames atomically; on a local disk POSIX
 * rename(2) replaces the target atomically.
 */
public enum PublishMode {
    /**
     * Object stores (s3a, gs, abfs, wasb, oss, ...): write the manifest in place; the store makes it
     * visible only when the upload completes. A failed write is aborted where the stream supports it.
     */
    OBJECT_PUT,
    /** HDFS: write a temporary file next to it, then rename it over the target with OVERWRITE (one atomic namenode operation). */
    ATOMIC_RENAME,
    /**
     * Local disks: write a temporary file, then rename it over the target on the raw local file
     * system (POSIX rename replaces atomically; Hadoop's checksummed LocalFileSystem would rename the
     * file and its .crc side file in two steps, so it is bypassed).
     */
    LOCAL_RENAME;

    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn",
            "obs", "ks3");

    /** The mode for {@code fs}, from its URI scheme. */
    public static PublishMode forFileSystem(FileSystem fs) {
        String scheme = fs.getUri().getScheme() == null ? "" : fs.getUri().getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return LOCAL_RENAME;
        }
        if (scheme.equals("hdfs")) {
            return ATOMIC_RENAME;
        }
        if (OBJECT_STORES.contains(scheme)) {
            return OBJECT_PUT;
        }
        throw new IllegalArgumentException("cannot tell how to publish manifests atomically on '" + scheme + "://' file systems;"
                + " choose a PublishMode explicitly (OBJECT_PUT for object stores, ATOMIC_RENAME where rename with overwrite is atomic)");
    }
}
