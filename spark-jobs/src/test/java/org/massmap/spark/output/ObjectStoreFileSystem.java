package org.massmap.spark.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Abortable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * An object store on the local disk, for tests: an object becomes visible, whole, only when its
 * upload stream is closed (a PUT); an aborted or failed upload leaves nothing; rename is refused
 * (on real object stores it is a copy then a delete, not atomic). Uploads to names containing a
 * marker can be made to fail after some bytes.
 */
final class ObjectStoreFileSystem extends FilterFileSystem {
    private String failUploadsTo;
    private long failAfter;

    ObjectStoreFileSystem() throws IOException {
        super(new RawLocalFileSystem());
        initialize(URI.create("file:///"), new Configuration());
    }

    ObjectStoreFileSystem failUploads(String marker, long bytes) {
        failUploadsTo = marker;
        failAfter = bytes;
        return this;
    }

    ObjectStoreFileSystem heal() {
        failUploadsTo = null;
        return this;
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        if (!overwrite && exists(f)) {
            throw new org.apache.hadoop.fs.FileAlreadyExistsException(f.toString());
        }
        boolean failing = failUploadsTo != null && f.getName().contains(failUploadsTo);
        long limit = failAfter;
        return new FSDataOutputStream(new Upload(f, failing, limit), null);
    }

    @Override
    public boolean rename(Path src, Path dst) {
        throw new UnsupportedOperationException("object stores have no atomic rename (" + src + " -> " + dst + ")");
    }

    /** Buffers the object; publishes it on close. */
    private final class Upload extends OutputStream implements Abortable, StreamCapabilities {
        private final Path target;
        private final boolean failing;
        private final long limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean done;

        Upload(Path target, boolean failing, long limit) {
            this.target = target;
            this.failing = failing;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failing && buffer.size() + len > limit) {
                buffer.write(b, off, (int) Math.max(0, limit - buffer.size()));
                throw new IOException("injected failure: upload of " + target + " after " + limit + " bytes");
            }
            buffer.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            Path hidden = new Path(target.getParent(), "._upload-" + UUID.randomUUID());
            try (OutputStream out = getRawFileSystem().create(hidden, true)) {
                buffer.writeTo(out);
            }
            if (!getRawFileSystem().rename(hidden, target)) { // the store's own atomic publication of the object
                throw new IOException("could not complete the upload of " + target);
            }
        }

        @Override
        public AbortableResult abort() {
            done = true;
            return new AbortableResult() {
                @Override
                public boolean alreadyClosed() {
                    return false;
                }

                @Override
                public IOException anyCleanupException() {
                    return null;
                }
            };
        }

        @Override
        public boolean hasCapability(String capability) {
            return StreamCapabilities.ABORTABLE_STREAM.equals(capability);
        }
    }
}
