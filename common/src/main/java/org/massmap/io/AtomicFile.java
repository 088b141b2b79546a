package org.massmap.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
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
public final class AtomicFile extends AtomicOutput {

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

    private AtomicFile(Path target, Path temp) {
        super(target, temp);
    }

    /**
     * Creates the (empty) temporary file next to {@code target}; the parent directory must exist.
     */
    public static AtomicFile begin(Path target) throws MassmapIoException {
        Path absolute = absoluteInExistingDirectory(target);
        if (Files.isDirectory(absolute)) {
            throw new MassmapIoException(target, "cannot write a file: a directory of that name exists");
        }
        try {
            Path temp = createUnique(absolute.getParent(), "." + absolute.getFileName() + ".tmp-", false);
            return new AtomicFile(target, temp);
        } catch (IOException e) {
            throw new MassmapIoException(target, "cannot create a temporary file in " + absolute.getParent(), e);
        }
    }

    /** Writes {@code target} atomically with {@code writer}; on any failure no file is left behind. */
    public static void write(Path target, Writer writer) throws MassmapIoException {
        fillAndCommit(begin(target), temp -> writer.writeTo(temp), "write failed");
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

    @Override
    void flush(Path finished) throws IOException {
        try (FileChannel ch = FileChannel.open(finished, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    @Override
    boolean movesTargetAside() {
        return false; // a rename replaces an existing file
    }

    @Override
    void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    String publishFailure() {
        return "cannot publish the finished file (rename from " + temp() + " failed)";
    }

    @Override
    String deleteFailure() {
        return "cannot delete the unfinished temporary output; delete it by hand";
    }
}
