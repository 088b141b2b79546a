package org.massmap.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The publication protocol shared by {@link AtomicFile} and {@link AtomicDirectory}: the output is
 * written into an empty temporary sibling of the target; {@link #commit()} renames it to the
 * target, putting the previous version back if that fails; closing without a commit deletes it.
 * Subclasses supply what differs between one file and a directory tree: making the temporary
 * output durable, whether an existing target must first be moved aside (a directory cannot be
 * renamed over another), deleting, and the messages. Not thread-safe; one instance per output.
 */
abstract class AtomicOutput implements AutoCloseable {

    /** Fills the temporary output, which exists and is empty. */
    @FunctionalInterface
    interface Fill {
        void writeTo(Path temp) throws IOException, MassmapIoException;
    }

    private final Path target;
    private final Path temp;
    private boolean done;

    AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** The final name of the output. */
    public Path target() {
        return target;
    }

    /** The temporary output to write into (same directory as the target). */
    public Path temp() {
        return temp;
    }

    /**
     * Publishes the finished temporary output under the target's name, replacing any previous
     * version. After a failure the temporary output is deleted and the previous target (if any) is
     * intact.
     */
    public void commit() throws MassmapIoException {
        if (done) {
            throw new IllegalStateException(target + ": already committed or aborted");
        }
        done = true;
        Path old = null;
        try {
            flush(temp);
            if (movesTargetAside() && Files.exists(target)) {
                Path absolute = target.toAbsolutePath();
                old = createUnique(absolute.getParent(), absolute.getFileName() + ".old-", false);
                Files.delete(old); // only the unique name is wanted
                move(target, old);
            }
            move(temp, target);
        } catch (IOException e) {
            restore(old, e);
            try {
                delete(temp);
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw new MassmapIoException(target, publishFailure(), e);
        }
        if (old != null) {
            try {
                delete(old);
            } catch (IOException e) {
                throw new MassmapIoException(old, "the new output is in place but the previous version could not be deleted; delete it by hand", e);
            }
        }
    }

    /** Deletes the temporary output; the target is left as it was. Idempotent. */
    public void abort() throws MassmapIoException {
        if (done) {
            return;
        }
        done = true;
        try {
            delete(temp);
        } catch (IOException e) {
            throw new MassmapIoException(temp, deleteFailure(), e);
        }
    }

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    public void close() throws MassmapIoException {
        abort();
    }

    /** Forces the finished temporary output to disk before it is renamed; nothing by default. */
    void flush(Path finished) throws IOException {
    }

    /** Whether an existing target must be renamed aside first because a rename cannot replace it. */
    abstract boolean movesTargetAside();

    /** Deletes {@code path} (the temporary output or the previous version); nothing if it does not exist. */
    abstract void delete(Path path) throws IOException;

    /** What went wrong when {@link #commit()} fails, after the target's name. */
    abstract String publishFailure();

    /** What went wrong when deleting the temporary output fails, after its name. */
    abstract String deleteFailure();

    /**
     * Writes {@code out} with {@code fill} and commits it; on any failure it is closed, so the
     * temporary output is deleted. {@code failure} describes an {@link IOException} of the filling.
     */
    static void fillAndCommit(AtomicOutput out, Fill fill, String failure) throws MassmapIoException {
        try (out) {
            try {
                fill.writeTo(out.temp());
            } catch (IOException e) {
                throw new MassmapIoException(out.target(), failure, e);
            }
            out.commit();
        }
    }

    /** {@code target} as an absolute path, after checking that its parent directory exists. */
    static Path absoluteInExistingDirectory(Path target) throws MassmapIoException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new MassmapIoException(target, "cannot write: the directory " + parent + " does not exist; create it first");
        }
        return absolute;
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

    /** After a failed swap: puts the previous version back if it was moved aside and nothing took its place. */
    private void restore(Path old, IOException failure) {
        if (old == null || !Files.exists(old) || Files.exists(target)) {
            return;
        }
        try {
            move(old, target);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
