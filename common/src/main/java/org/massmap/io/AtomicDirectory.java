package org.massmap.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Publishes a whole output directory at once, for commands that write many files: everything is
 * written into a sibling {@code DIR.tmp-RANDOM}, which is renamed to {@code DIR} only when complete.
 * An existing {@code DIR} is first renamed aside to {@code DIR.old-RANDOM}, replaced, then deleted;
 * if the swap fails the old directory is put back. Readers see the old complete directory or the
 * new complete one, never a partial one (between the two renames, for a moment, no directory at all:
 * POSIX has no atomic exchange of two directories). On failure the temporary directory is deleted.
 *
 * <pre>{@code
 * try (AtomicDirectory out = AtomicDirectory.begin(runDir)) {
 *     FitsMaps.write(out.temp().resolve("mean.fits"), ...);
 *     out.commit();
 * }   // closing without commit() deletes DIR.tmp-RANDOM
 * }</pre>
 * Not thread-safe as an object, though writers may fill {@link #temp()} from several threads.
 */
public final class AtomicDirectory implements AutoCloseable {

    /** Fills the temporary directory (which exists and is empty). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tempDir) throws IOException, MassmapIoException;
    }

    private final Path target;
    private final Path temp;
    private boolean done;

    private AtomicDirectory(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the empty temporary directory next to {@code target}; the parent must exist. */
    public static AtomicDirectory begin(Path target) throws MassmapIoException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new MassmapIoException(target, "cannot write: the directory " + parent + " does not exist; create it first");
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new MassmapIoException(target, "cannot write an output directory: a file of that name exists");
        }
        try {
            return new AtomicDirectory(target, AtomicFile.createUnique(parent, absolute.getFileName() + ".tmp-", true));
        } catch (IOException e) {
            throw new MassmapIoException(target, "cannot create a temporary directory in " + parent, e);
        }
    }

    /** Writes the directory {@code target} atomically with {@code writer}; on failure nothing is left. */
    public static void write(Path target, Writer writer) throws MassmapIoException {
        try (AtomicDirectory out = begin(target)) {
            try {
                writer.writeTo(out.temp());
            } catch (IOException e) {
                throw new MassmapIoException(target, "writing the output directory failed", e);
            }
            out.commit();
        }
    }

    /** The final name of the output directory. */
    public Path target() {
        return target;
    }

    /** The temporary directory to write into. */
    public Path temp() {
        return temp;
    }

    /** Swaps the finished temporary directory in place of the target. */
    public void commit() throws MassmapIoException {
        if (done) {
            throw new IllegalStateException(target + ": already committed or aborted");
        }
        done = true;
        Path absolute = target.toAbsolutePath();
        Path old = null;
        try {
            if (Files.exists(absolute)) {
                old = AtomicFile.createUnique(absolute.getParent(), absolute.getFileName() + ".old-", false);
                Files.delete(old); // only the unique name is wanted
                AtomicFile.move(absolute, old);
            }
            AtomicFile.move(temp, absolute);
        } catch (IOException e) {
            restore(absolute, old, e);
            deleteTree(temp, e);
            throw new MassmapIoException(target, "cannot publish the finished output directory from " + temp, e);
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                throw new MassmapIoException(old, "the new output is in place but the previous version could not be deleted; delete it by hand", e);
            }
        }
    }

    /** Deletes the temporary directory and its content; the target is left as it was. Idempotent. */
    public void abort() throws MassmapIoException {
        if (done) {
            return;
        }
        done = true;
        try {
            deleteTree(temp);
        } catch (IOException e) {
            throw new MassmapIoException(temp, "cannot delete the unfinished temporary output directory; delete it by hand", e);
        }
    }

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    public void close() throws MassmapIoException {
        abort();
    }

    private static void restore(Path target, Path old, IOException failure) {
        if (old == null || !Files.exists(old) || Files.exists(target)) {
            return;
        }
        try {
            AtomicFile.move(old, target);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteTree(Path root, IOException failure) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Deletes a file or a directory tree; does nothing if it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
