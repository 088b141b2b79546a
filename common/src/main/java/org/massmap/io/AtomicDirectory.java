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
public final class AtomicDirectory extends AtomicOutput {

    /** Fills the temporary directory (which exists and is empty). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tempDir) throws IOException, MassmapIoException;
    }

    private AtomicDirectory(Path target, Path temp) {
        super(target, temp);
    }

    /** Creates the empty temporary directory next to {@code target}; the parent must exist. */
    public static AtomicDirectory begin(Path target) throws MassmapIoException {
        Path absolute = absoluteInExistingDirectory(target);
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new MassmapIoException(target, "cannot write an output directory: a file of that name exists");
        }
        try {
            return new AtomicDirectory(target, createUnique(absolute.getParent(), absolute.getFileName() + ".tmp-", true));
        } catch (IOException e) {
            throw new MassmapIoException(target, "cannot create a temporary directory in " + absolute.getParent(), e);
        }
    }

    /** Writes the directory {@code target} atomically with {@code writer}; on failure nothing is left. */
    public static void write(Path target, Writer writer) throws MassmapIoException {
        fillAndCommit(begin(target), temp -> writer.writeTo(temp), "writing the output directory failed");
    }

    @Override
    boolean movesTargetAside() {
        return true; // a rename cannot replace a non-empty directory
    }

    @Override
    void delete(Path path) throws IOException {
        deleteTree(path);
    }

    @Override
    String publishFailure() {
        return "cannot publish the finished output directory from " + temp();
    }

    @Override
    String deleteFailure() {
        return "cannot delete the unfinished temporary output directory; delete it by hand";
    }

    /** Deletes a file or a directory tree; does nothing if it does not exist. */
    private static void deleteTree(Path root) throws IOException {
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
