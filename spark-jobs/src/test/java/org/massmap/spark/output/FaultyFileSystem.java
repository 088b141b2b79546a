package org.massmap.spark.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The raw local file system with injected failures, as a disk or a network that fails midway
 * through a commit: the n-th create or rename throws, or writes to files whose name contains a
 * marker fail after some bytes (the bytes before it are on disk, as after a crash). Records every
 * create and rename in order.
 */
final class FaultyFileSystem extends FilterFileSystem {
    private int creates;
    private int renames;
    private int failCreateAt = -1;
    private int failRenameAt = -1;
    private String failWritesTo;
    private long failWriteAfter;
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

    FaultyFileSystem() throws IOException {
        super(new RawLocalFileSystem());
        initialize(URI.create("file:///"), new Configuration());
    }

    /** The n-th create from now (1 = the next) throws. */
    FaultyFileSystem failCreate(int n) {
        failCreateAt = creates + n;
        return this;
    }

    /** The n-th rename from now throws. */
    FaultyFileSystem failRename(int n) {
        failRenameAt = renames + n;
        return this;
    }

    /** Writes to files whose name contains {@code marker} fail once {@code bytes} bytes are written. */
    FaultyFileSystem failWrites(String marker, long bytes) {
        failWritesTo = marker;
        failWriteAfter = bytes;
        return this;
    }

    /** No more failures. */
    FaultyFileSystem heal() {
        failCreateAt = -1;
        failRenameAt = -1;
        failWritesTo = null;
        return this;
    }

    /** "create PATH" and "rename FROM -> TO", in order. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        creates++;
        operations.add("create " + f);
        if (creates == failCreateAt) {
            throw new IOException("injected failure: create #" + creates + " of " + f);
        }
        FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        if (failWritesTo == null || !f.getName().contains(failWritesTo)) {
            return out;
        }
        long limit = failWriteAfter;
        return new FSDataOutputStream(new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                check(1);
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) {
                    int part = (int) Math.max(0, limit - written);
                    out.write(b, off, part); // what reached the disk before the failure
                    written += part;
                    out.hflush();
                    throw new IOException("injected failure: writing " + f + " after " + limit + " bytes");
                }
                out.write(b, off, len);
                written += len;
            }

            private void check(int n) throws IOException {
                if (written + n > limit) {
                    throw new IOException("injected failure: writing " + f + " after " + limit + " bytes");
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        }, null);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        renames++;
        operations.add("rename " + src + " -> " + dst);
        if (renames == failRenameAt) {
            throw new IOException("injected failure: rename #" + renames + " of " + src);
        }
        return super.rename(src, dst);
    }
}
