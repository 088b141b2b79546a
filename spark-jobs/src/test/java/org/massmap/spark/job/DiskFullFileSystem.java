package org.massmap.spark.job;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system with a full disk under one tile: files created in a directory whose path
 * contains the tile id set as {@value #TILE_KEY} go to /dev/full, so their writes fail with "No space
 * left on device", which Hadoop's local streams raise as an {@code FSError} (an Error, not an
 * IOException). Installed as {@code fs.file.impl} with the cache disabled.
 */
public final class DiskFullFileSystem extends RawLocalFileSystem {
    /** Hadoop configuration key naming the tile whose files cannot be written. */
    public static final String TILE_KEY = "massmap.test.disk-full-tile";

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
            long blockSize, Progressable progress) throws IOException {
        return super.create(target(f), permission, overwrite || full(f), bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        return super.create(target(f), overwrite || full(f), bufferSize, replication, blockSize, progress);
    }

    private boolean full(Path f) {
        String tile = getConf().get(TILE_KEY, "");
        return !tile.isEmpty() && f.toUri().getPath().contains("/tiles/" + tile + "/") && f.getName().endsWith(".fits");
    }

    private Path target(Path f) {
        return full(f) ? new Path("file:///dev/full") : f;
    }
}
