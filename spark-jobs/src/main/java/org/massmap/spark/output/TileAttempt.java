package org.massmap.spark.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * One attempt at a tile's output: a new directory {@code OUT/tiles/TILE/RUNID-UUID} that nothing
 * else writes to, filled with the tile's files, then handed to {@link TileCommitter#publish}.
 * Files are created once (never overwritten) and synced where the file system can; the SHA-256 and
 * size of each file written through this object are recorded on the way, so publishing need not
 * read them back. An attempt in which a write failed is never published: begin a new one. Not
 * thread-safe.
 *
 * <pre>{@code
 * TileAttempt a = committer.begin("t012_0034");
 * a.uploadDirectory(localProductsDir);          // FITS maps and PNGs made on the executor
 * a.write("stats.json", bytes);
 * committer.publish(a, fingerprint, Map.of("galaxies", "12345"));
 * }</pre>
 */
public final class TileAttempt {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final FileSystem fs;
    private final String tileId;
    private final String name;
    private final Path dir;
    private final Map<String, TileManifest.FileEntry> written = new LinkedHashMap<>();
    private String failure; // the first write that failed: such an attempt is never published

    TileAttempt(FileSystem fs, String tileId, String name, Path dir) {
        this.fs = fs;
        this.tileId = tileId;
        this.name = name;
        this.dir = dir;
    }

    public String tileId() {
        return tileId;
    }

    /** The attempt directory's name, {@code RUNID-UUID}. */
    public String name() {
        return name;
    }

    /** The attempt directory. */
    public Path dir() {
        return dir;
    }

    /**
     * A new file {@code relativeName} ('/'-separated segments of {@code A-Z a-z 0-9 . _ -}, not
     * starting with '.'); its size and SHA-256 are recorded when the stream is closed.
     */
    public OutputStream create(String relativeName) throws OutputException {
        checkName(relativeName);
        Path path = new Path(dir, relativeName);
        FSDataOutputStream raw;
        try {
            raw = fs.create(path, false);
        } catch (IOException e) {
            throw new OutputException(path.toString(), "cannot create the tile output file", e);
        }
        MessageDigest digest = sha256();
        return new FilterOutputStream(raw) {
            private long bytes;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException | RuntimeException e) {
                    failure = failure == null ? path + ": " + e.getMessage() : failure;
                    throw e;
                } catch (FSError e) {
                    IOException io = diskError(e);
                    failure = failure == null ? path + ": " + io.getMessage() : failure;
                    throw io;
                }
                digest.update(b, off, len);
                bytes += len;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (raw.hasCapability(StreamCapabilities.HSYNC)) {
                        raw.hsync(); // on disk before any manifest can name it
                    }
                    out.close();
                } catch (IOException | RuntimeException e) {
                    failure = failure == null ? path + ": " + e.getMessage() : failure;
                    throw e;
                } catch (FSError e) {
                    IOException io = diskError(e);
                    failure = failure == null ? path + ": " + io.getMessage() : failure;
                    throw io;
                }
                if (failure == null) {
                    written.put(relativeName, new TileManifest.FileEntry(relativeName, bytes, HexFormat.of().formatHex(digest.digest())));
                }
            }
        };
    }

    /** Writes a new file with {@code bytes}. */
    public void write(String relativeName, byte[] bytes) throws OutputException {
        try (OutputStream out = create(relativeName)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new OutputException(new Path(dir, relativeName).toString(), "cannot write the tile output file", e);
        }
    }

    /** Copies a local file into the attempt as {@code relativeName}. */
    public void upload(java.nio.file.Path localFile, String relativeName) throws OutputException {
        try (InputStream in = Files.newInputStream(localFile); OutputStream out = create(relativeName)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new OutputException(new Path(dir, relativeName).toString(), "cannot copy " + localFile + " into the tile output", e);
        }
    }

    /** Copies every regular file under a local directory, keeping relative paths. */
    public void uploadDirectory(java.nio.file.Path localDir) throws OutputException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(localDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new OutputException(localDir.toUri().toString(), "cannot list the local output directory", e);
        }
        for (java.nio.file.Path f : files) {
            List<String> parts = new ArrayList<>();
            localDir.relativize(f).forEach(p -> parts.add(p.toString()));
            upload(f, String.join("/", parts));
        }
    }

    /** The first failed write, if any: a broken attempt must not be published. */
    java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Files written through this object so far, by relative name. */
    Map<String, TileManifest.FileEntry> written() {
        return written;
    }

    static void checkName(String relativeName) {
        if (relativeName == null || relativeName.isEmpty()) {
            throw new IllegalArgumentException("a tile output file needs a name");
        }
        for (String segment : relativeName.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("tile output file names are '/'-separated segments of A-Z a-z 0-9 . _ - not starting"
                        + " with '.', got '" + relativeName + "'");
            }
        }
    }

    /**
     * The I/O error inside Hadoop's {@link FSError} (a local disk that is full or failing raises
     * that Error, not an IOException), so that it fails the write like any other I/O error.
     */
    static IOException diskError(FSError e) {
        return e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getMessage()), e);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
