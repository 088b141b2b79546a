package org.massmap.spark.output;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The one-writer lock of an output root, held by the driver for the whole run so that two runs
 * never write into the same {@code OUT}. Taken before any work and released at the end (also on
 * Ctrl-C, by a shutdown hook).
 *
 * <ul>
 *   <li><b>Local disks</b>: an operating-system lock on {@code OUT/.massmap.lock}; the system
 *       releases it when the process dies, so it is never stale.</li>
 *   <li><b>HDFS</b>: {@code OUT/.massmap.lock} created exclusively (one namenode operation) and
 *       deleted at the end. A driver killed with {@code kill -9} leaves it behind; the message names
 *       the run that holds it and says to delete the file if that run is gone.</li>
 *   <li><b>Object stores</b>: no safe lock exists (no exclusive create), so none is taken; concurrent
 *       runs are harmless instead: unique run ids, every check before any publication, and each
 *       run's {@code manifest.json} published in one PUT naming attempts that are kept.</li>
 * </ul>
 */
public final class OutputLock implements AutoCloseable {
    /** Name of the lock file under the output root. */
    public static final String NAME = ".massmap.lock";

    private final FileSystem fs;
    private final Path path;
    private final FileChannel channel; // local: the locked channel
    private final FileLock osLock;
    private final Runnable hook;
    private boolean closed;

    private OutputLock(FileSystem fs, Path path, FileChannel channel, FileLock osLock, Runnable hook) {
        this.fs = fs;
        this.path = path;
        this.channel = channel;
        this.osLock = osLock;
        this.hook = hook;
    }

    /**
     * Takes the lock of {@code outputRoot} for run {@code runId}, creating the root if needed.
     *
     * @throws OutputException if another run holds it, or the root cannot be created or written
     *                         (a file in its place, no permission), naming the path and the fix
     */
    public static OutputLock acquire(FileSystem fs, Path outputRoot, String runId) throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        Path root = io.makeQualified(outputRoot);
        Path lock = new Path(root, NAME);
        OutputWritability.require(io, root);
        byte[] holder = holder(runId);
        return switch (PublishMode.forFileSystem(io)) {
            case OBJECT_PUT -> new OutputLock(io, null, null, null, null);
            case LOCAL_RENAME -> local(io, lock, holder);
            case ATOMIC_RENAME -> exclusiveFile(io, lock, holder);
        };
    }

    /** Whether a lock is held (false on object stores, where none is taken). */
    public boolean held() {
        return path != null;
    }

    private static OutputLock local(FileSystem fs, Path lock, byte[] holder) throws OutputException {
        File file = new File(lock.toUri());
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this JVM (another run in the same process)
            }
            if (l == null) {
                String other = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8).trim();
                ch.close();
                throw busy(lock, other, false);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(holder), 0);
            ch.force(true);
            return new OutputLock(fs, lock, ch, l, null);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new OutputException(lock.toString(), "cannot take the output lock; check that the output location is writable", e);
        }
    }

    private static OutputLock exclusiveFile(FileSystem fs, Path lock, byte[] holder) throws OutputException {
        try (FSDataOutputStream out = fs.create(lock, false)) {
            out.write(holder);
        } catch (FileAlreadyExistsException e) {
            throw busy(lock, readQuietly(fs, lock), true);
        } catch (IOException e) {
            throw new OutputException(lock.toString(), "cannot take the output lock; check that the output location is writable", e);
        }
        Runnable hook = () -> {
            try {
                fs.delete(lock, false);
            } catch (IOException | RuntimeException e) {
                // the JVM is exiting; the next run's message says how to remove a stale lock
            }
        };
        // runs before Hadoop closes its cached file systems (a higher priority runs first)
        ShutdownHookManager.get().addShutdownHook(hook, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
        return new OutputLock(fs, lock, null, null, hook);
    }

    private static OutputException busy(Path lock, String holder, boolean mayBeStale) {
        String who = holder.isEmpty() ? "another run" : "another run (" + holder + ")";
        return new OutputException(lock.getParent().toString(), who + " is writing to this output; wait for it to finish or choose"
                + " another --out" + (mayBeStale ? ". If that run is no longer running, delete " + lock : ""));
    }

    private static byte[] holder(String runId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return String.format("run %s, started %s on %s, pid %d", runId, Instant.now(), host, ProcessHandle.current().pid())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String readQuietly(FileSystem fs, Path lock) {
        try (InputStream in = fs.open(lock)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return ""; // gone or unreadable: the message then says "another run"
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing was locked
            }
        }
    }

    /** Releases the lock (idempotent). */
    @Override
    public synchronized void close() throws OutputException {
        if (closed || path == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            if (osLock != null) {
                osLock.release();
                channel.close(); // the file stays: deleting a lock file others may be opening would race
            } else {
                ShutdownHookManager.get().removeShutdownHook(hook);
                fs.delete(path, false);
            }
        } catch (IOException e) {
            throw new OutputException(path.toString(), "cannot release the output lock; delete the file by hand", e);
        }
    }
}
