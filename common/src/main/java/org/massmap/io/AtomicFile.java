package org.massmap.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Publishes one output file atomically: the content is written to a temporary file in the target's
 * directory ({@code .NAME.tmp-RANDOM}), flushed to disk, then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (falling back to {@link StandardCopyOption#REPLACE_EXISTING}
 * on file systems without atomic rename). Readers therefore see either the old file or the complete
 * new one, never a half-written file; if the writer fails, the temporary file is deleted.
 *
 * <p>One-shot use: {@link #write(Path, Writer)}. Incremental use (writers that stream many chunks):
 * <pre>{@code
 * try (AtomicFile out = AtomicFile.begin(target)) {
 *     ... write to out.temp() ...
 *     out.commit();
 * }   // closing without commit() deletes the temporary file
 * }</pre>
 * Not thread-safe; one instance per output.
 */
public final class AtomicFile implements AutoCloseable {

    /** Fills the temporary file (which exists and is empty) with the content of the output. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException, MassmapIoException;
    }

    /** Writes the content of the output to a stream (buffered; closed by the caller). */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException, MassmapIoException;
    }

    private final Path target;
    private final Path temp;
    private boolean done;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the (empty) temporary file next to {@code target}; the parent directory must exist.
     */
    public static AtomicFile begin(Path target) throws MassmapIoException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MassmapIoException(target, "cannot write: the directory " + dir + " does not exist; create it first");
        }
        if (Files.isDirectory(absolute)) {
            throw new MassmapIoException(target, "cannot write a file: a directory of that name exists");
        }
        try {
            Path temp = createUnique(dir, "." + absolute.getFileName() + ".tmp-", false);
            return new AtomicFile(target, temp);
        } catch (IOException e) {
            throw new MassmapIoException(target, "cannot create a temporary file in " + dir, e);
        }
    }

    /** Writes {@code target} atomically with {@code writer}; on any failure no file is left behind. */
    public static void write(Path target, Writer writer) throws MassmapIoException {
        try (AtomicFile out = begin(target)) {
            try {
                writer.writeTo(out.temp());
            } catch (IOException e) {
                throw new MassmapIoException(target, "write failed", e);
            }
            out.commit();
        }
    }

    /** Writes {@code target} atomically from a buffered output stream. */
    public static void writeStream(Path target, StreamWriter writer) throws MassmapIoException {
        write(target, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                writer.writeTo(out);
            }
        });
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) throws MassmapIoException {
        write(target, temp -> Files.write(temp, bytes));
    }

    /** The final name of the output. */
    public Path target() {
        return target;
    }

    /** The temporary file to write to (same directory as the target). */
    public Path temp() {
        return temp;
    }

    /**
     * Flushes the temporary file to disk and renames it to the target, replacing any existing
     * file. After a failure the temporary file is deleted and the old target (if any) is intact.
     */
    public void commit() throws MassmapIoException {
        if (done) {
            throw new IllegalStateException(target + ": already committed or aborted");
        }
        done = true;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(temp, target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw new MassmapIoException(target, "cannot publish the finished file (rename from " + temp + " failed)", e);
        }
    }

    /** Deletes the temporary file; the target is left as it was. Idempotent. */
    public void abort() throws MassmapIoException {
        if (done) {
            return;
        }
        done = true;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new MassmapIoException(temp, "cannot delete the unfinished temporary output; delete it by hand", e);
        }
    }

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    public void close() throws MassmapIoException {
        abort();
    }

    /**
     * Creates a new empty file or directory named {@code prefix + random} in {@code dir}. Unlike
     * {@link Files#createTempFile}, it gets the default permissions (umask), as the published output should.
     */
    static Path createUnique(Path dir, String prefix, boolean directory) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36));
            try {
                return directory ? Files.createDirectory(p) : Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system allows it. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
