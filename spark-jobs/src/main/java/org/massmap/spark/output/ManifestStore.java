package org.massmap.spark.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * Publishes and reads small manifest files atomically by {@link PublishMode}; package plumbing
 * shared by the tile committer and the run manifest. Thread-safe (the file system is).
 */
final class ManifestStore {
    /** Prefix of temporary manifests: {@code .NAME.tmp-UUID} next to the target. */
    static final String TEMP_INFIX = ".tmp-";

    private final FileSystem fs;
    private final PublishMode mode;
    private final Clock clock;

    ManifestStore(FileSystem fs, PublishMode mode, Clock clock) {
        this.fs = fs;
        this.mode = mode;
        this.clock = clock;
    }

    /** An RFC 9562 version-7 UUID: 48 bits of Unix milliseconds, then random bits (so names carry their creation time). */
    static UUID timeOrderedUuid(Instant time) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (time.toEpochMilli() << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Replaces {@code target} by {@code bytes}: readers see the old content or the new, whole. */
    void publish(Path target, byte[] bytes) throws OutputException {
        if (mode == PublishMode.OBJECT_PUT) {
            put(target, bytes);
            return;
        }
        Path temp = new Path(target.getParent(), "." + target.getName() + TEMP_INFIX + timeOrderedUuid(clock.instant()));
        try {
            try (FSDataOutputStream out = fs.create(temp, false)) {
                out.write(bytes);
                if (out.hasCapability(StreamCapabilities.HSYNC)) {
                    out.hsync(); // the content is on disk before the rename makes it the manifest
                }
            } catch (FSError e) {
                throw TileAttempt.diskError(e);
            }
            if (mode == PublishMode.ATOMIC_RENAME) {
                FileUtil.rename(fs, temp, target, Options.Rename.OVERWRITE);
            } else if (!fs.rename(temp, target)) {
                throw new IOException("rename returned false");
            }
        } catch (IOException | RuntimeException e) {
            OutputException failure = new OutputException(target.toString(), "cannot publish (written to " + temp
                    + ", then renamed over the target); the previous version, if any, is unchanged", e);
            try {
                fs.delete(temp, false);
            } catch (IOException | RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private void put(Path target, byte[] bytes) throws OutputException {
        FSDataOutputStream out;
        try {
            out = fs.create(target, true);
        } catch (IOException e) {
            throw new OutputException(target.toString(), "cannot start the upload; the previous version, if any, is unchanged", e);
        }
        try {
            try {
                out.write(bytes);
            } catch (FSError e) {
                throw TileAttempt.diskError(e);
            }
        } catch (IOException | RuntimeException e) {
            OutputException failure = new OutputException(target.toString(), "upload failed; the previous version, if any, is unchanged", e);
            try {
                if (out.hasCapability(StreamCapabilities.ABORTABLE_STREAM)) {
                    out.abort(); // the object never appears
                } else {
                    out.close(); // stores without abort: the manifest is one small write, so this path is a buffer failure
                }
            } catch (IOException | RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        try {
            out.close(); // the object appears here, whole, or not at all
        } catch (IOException e) {
            throw new OutputException(target.toString(), "upload failed when completing; the previous version, if any, is unchanged", e);
        }
    }

    /** The content of {@code target}, or empty if it does not exist. */
    Optional<byte[]> read(Path target) throws OutputException {
        try (InputStream in = fs.open(target)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OutputException(target.toString(), "cannot read", e);
        }
    }
}
