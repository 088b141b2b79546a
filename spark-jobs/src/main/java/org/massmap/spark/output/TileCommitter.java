package org.massmap.spark.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Publishes each tile's output so that an interrupted run leaves every tile either complete and old
 * or complete and new, on any Hadoop file system (file://, hdfs://, s3a://).
 *
 * <p><b>Protocol.</b> (1) {@link #begin} makes a new attempt directory
 * {@code OUT/tiles/TILE/RUNID-UUID} (a time-ordered UUID, RFC 9562 version 7) and the tile's files
 * are written into it, never over an existing file. (2) {@link #publish} lists them with sizes and
 * SHA-256 and then, last, replaces the small manifest {@code OUT/tiles/TILE/current.json} naming the
 * attempt ({@link TileManifest}), atomically by the file system's {@link PublishMode}: a single PUT
 * on object stores (where rename is not atomic), a temporary file renamed over it on HDFS and local
 * disks. (3) Superseded and orphaned attempts are deleted. Readers resolve a tile only through
 * {@code current.json} ({@link #current}, {@link #open}), so whatever fails before the manifest is
 * replaced leaves the old manifest and the old files it names in place.
 *
 * <p><b>Garbage.</b> Publication deletes nothing: the superseded attempt may still be named by the
 * run manifest ({@code OUT/manifest.json}) until the run's own manifest replaces it. Garbage is
 * collected per tile by {@link #collectGarbage(String, Set, boolean)}, which keeps the current
 * attempt and the ones the caller names. Without the output lock, other attempt directories and
 * temporary manifests left by a crash go once older than {@code orphanGrace} by the time in their
 * names, so that a concurrent writer is not robbed; under the lock ({@code exclusive}) only this
 * run's own attempts (a speculative Spark task may still write one) wait for the grace period. This
 * is the only use of time, and it never decides whether a tile is up to date.
 *
 * <p>Immutable and thread-safe (Hadoop file systems are); executors build their own from the
 * output path and a Hadoop configuration ({@link #open}).
 *
 * <pre>{@code
 * TileCommitter c = TileCommitter.open(new Path("s3a://bucket/run"), hadoopConf, "20261127T0852Z");
 * if (!c.isUpToDate(tile.id(), fingerprint)) {
 *     TileAttempt a = c.begin(tile.id());
 *     a.uploadDirectory(localProducts);
 *     c.publish(a, fingerprint, Map.of("galaxies", Long.toString(n)));
 * }
 * }</pre>
 */
public final class TileCommitter {

    /** Name of the per-tile manifest. */
    public static final String CURRENT = "current.json";
    /** Default age after which unpublished attempts are collected. */
    public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofHours(1);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern UUID_TAIL = Pattern.compile(".*-([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");

    private final FileSystem fs;
    private final Path tilesRoot;
    private final String runId;
    private final Clock clock;
    private final Duration orphanGrace;
    private final ManifestStore store;

    /**
     * @param fs          the output file system (a checksummed local file system is used through its raw file system)
     * @param outputRoot  the run's output directory OUT
     * @param runId       this run's id, 1-64 characters of {@code A-Z a-z 0-9 . _ -}
     * @param mode        how manifests are replaced ({@link PublishMode#forFileSystem})
     * @param clock       time for manifests and garbage ages
     * @param orphanGrace age after which unpublished attempts are deleted
     */
    public TileCommitter(FileSystem fs, Path outputRoot, String runId, PublishMode mode, Clock clock, Duration orphanGrace) {
        this.fs = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        this.tilesRoot = new Path(outputRoot, "tiles");
        this.runId = checkId("run id", runId);
        this.clock = clock;
        if (orphanGrace.isNegative()) {
            throw new IllegalArgumentException("the orphan grace period must not be negative, got " + orphanGrace);
        }
        this.orphanGrace = orphanGrace;
        this.store = new ManifestStore(this.fs, mode, clock);
    }

    /** A committer for {@code outputRoot} with the publish mode of its file system, the UTC clock and a one-hour grace. */
    public static TileCommitter open(Path outputRoot, Configuration conf, String runId) throws OutputException {
        FileSystem fs;
        try {
            fs = outputRoot.getFileSystem(conf);
        } catch (IOException e) {
            throw new OutputException(outputRoot.toString(), "cannot open the output file system", e);
        }
        return new TileCommitter(fs, outputRoot, runId, PublishMode.forFileSystem(fs), Clock.systemUTC(), DEFAULT_ORPHAN_GRACE);
    }

    /** The directory of tile {@code tileId}: {@code OUT/tiles/TILE}. */
    public Path tileDirectory(String tileId) {
        return new Path(tilesRoot, checkId("tile id", tileId));
    }

    /** Creates a new, empty attempt directory for the tile. */
    public TileAttempt begin(String tileId) throws OutputException {
        String name = runId + "-" + ManifestStore.timeOrderedUuid(clock.instant());
        Path dir = new Path(tileDirectory(tileId), name);
        try {
            if (!fs.mkdirs(dir)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw new OutputException(dir.toString(), "cannot create the attempt directory", e);
        }
        return new TileAttempt(fs, tileId, name, dir);
    }

    /**
     * Describes every file of the attempt (size, SHA-256), then publishes the attempt by replacing
     * the tile's {@code current.json} (the last write). Deletes nothing. If this throws, the tile's
     * previous publication is intact.
     */
    public Publication publish(TileAttempt attempt, TileFingerprint fingerprint, Map<String, String> info) throws OutputException {
        Path tileDir = tileDirectory(attempt.tileId());
        if (!attempt.dir().getParent().equals(tileDir)) {
            throw new IllegalArgumentException("attempt " + attempt.dir() + " was not begun by this committer (expected under " + tileDir + ")");
        }
        if (attempt.failure().isPresent()) {
            throw new OutputException(attempt.dir().toString(), "a write of this attempt failed (" + attempt.failure().get()
                    + "); begin a new attempt instead of publishing this one");
        }
        List<TileManifest.FileEntry> files = describe(attempt);
        List<String> problems = new ArrayList<>();
        try {
            current(attempt.tileId());
        } catch (OutputException e) {
            problems.add("the previous manifest was unreadable and is replaced: " + e.getMessage());
        }
        TileManifest manifest = new TileManifest(TileManifest.FORMAT, attempt.tileId(), fingerprint.sha256(), runId, attempt.name(),
                clock.instant().toString(), files, info);
        store.publish(new Path(tileDir, CURRENT), manifest.toJson());
        return new Publication(manifest, List.of(), problems);
    }

    /** The tile's published manifest, or empty if the tile was never published. */
    public Optional<TileManifest> current(String tileId) throws OutputException {
        Path path = new Path(tileDirectory(tileId), CURRENT);
        Optional<byte[]> bytes = store.read(path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TileManifest.parse(bytes.get(), path.toString(), tileId));
    }

    /**
     * Whether the tile's published output was computed from inputs with this fingerprint and all
     * its files are present with their recorded sizes. File times play no part.
     */
    public boolean isUpToDate(String tileId, TileFingerprint fingerprint) throws OutputException {
        return upToDate(tileId, fingerprint).isPresent();
    }

    /** The published manifest if the tile {@link #isUpToDate is up to date}, else empty. */
    public Optional<TileManifest> upToDate(String tileId, TileFingerprint fingerprint) throws OutputException {
        Optional<TileManifest> m = current(tileId);
        if (m.isEmpty() || !m.get().fingerprint().equals(fingerprint.sha256())) {
            return Optional.empty();
        }
        for (TileManifest.FileEntry f : m.get().files()) {
            Path p = file(m.get(), f.name());
            try {
                if (fs.getFileStatus(p).getLen() != f.bytes()) {
                    return Optional.empty();
                }
            } catch (FileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new OutputException(p.toString(), "cannot check the published file", e);
            }
        }
        return m;
    }

    /** The attempt directory a manifest names. */
    public Path attemptDirectory(TileManifest manifest) {
        return new Path(tileDirectory(manifest.tile()), manifest.attempt());
    }

    /** Where file {@code name} of a published manifest lives. */
    public Path file(TileManifest manifest, String name) {
        return new Path(new Path(tileDirectory(manifest.tile()), manifest.attempt()), name);
    }

    /** Opens file {@code name} of the tile's published output. */
    public InputStream open(String tileId, String name) throws OutputException {
        TileManifest m = current(tileId).orElseThrow(() -> new OutputException(tileDirectory(tileId).toString(), "the tile was never published"));
        if (m.file(name).isEmpty()) {
            throw new OutputException(tileDirectory(tileId).toString(), "the published tile has no file '" + name + "'; it has "
                    + m.files().stream().map(TileManifest.FileEntry::name).toList());
        }
        Path p = file(m, name);
        try {
            return fs.open(p);
        } catch (IOException e) {
            throw new OutputException(p.toString(), "cannot open the published file", e);
        }
    }

    /** Re-reads every published file of the tile and checks its size and SHA-256 against the manifest. */
    public void verify(String tileId) throws OutputException {
        TileManifest m = current(tileId).orElseThrow(() -> new OutputException(tileDirectory(tileId).toString(), "the tile was never published"));
        for (TileManifest.FileEntry f : m.files()) {
            TileManifest.FileEntry actual = hash(file(m, f.name()), f.name());
            if (!actual.equals(f)) {
                throw new OutputException(file(m, f.name()).toString(), "does not match its manifest: " + actual.bytes() + " bytes, SHA-256 "
                        + actual.sha256() + "; expected " + f.bytes() + " bytes, " + f.sha256() + ". Rerun the tile to republish it");
            }
        }
    }

    /** Deletes the tile's attempts and temporary manifests older than the grace period, except the current attempt. */
    public Publication collectGarbage(String tileId) throws OutputException {
        return collectGarbage(tileId, Set.of(), false);
    }

    /**
     * Deletes the tile's attempt directories and temporary manifests except the current attempt and
     * {@code keep} (attempt names, e.g. those the run manifest names). Without {@code exclusive}
     * only those older than the grace period go; with it (the caller holds the output lock, so no
     * other run writes here) every other run's go at once, and this run's own after the grace period.
     */
    public Publication collectGarbage(String tileId, Set<String> keep, boolean exclusive) throws OutputException {
        Optional<TileManifest> m = current(tileId);
        Set<String> kept = new HashSet<>(keep);
        m.ifPresent(c -> kept.add(c.attempt()));
        List<String> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        collect(tileDirectory(tileId), kept, exclusive, deleted, problems);
        return new Publication(m.orElse(null), deleted, problems);
    }

    /**
     * The outcome of a publication or a garbage collection.
     *
     * @param manifest the tile's current manifest (null if the tile was never published)
     * @param deleted  paths deleted as garbage
     * @param problems what could not be cleaned up (the publication itself succeeded)
     */
    public record Publication(TileManifest manifest, List<String> deleted, List<String> problems) {
        public Publication {
            deleted = List.copyOf(deleted);
            problems = List.copyOf(problems);
        }
    }

    private List<TileManifest.FileEntry> describe(TileAttempt attempt) throws OutputException {
        List<TileManifest.FileEntry> out = new ArrayList<>();
        Path dir = fs.makeQualified(attempt.dir());
        String prefix = dir.toUri().getPath() + "/";
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                LocatedFileStatus s = it.next();
                String name = s.getPath().toUri().getPath().substring(prefix.length());
                TileManifest.FileEntry known = attempt.written().get(name);
                if (known != null && known.bytes() != s.getLen()) {
                    throw new OutputException(s.getPath().toString(), "has " + s.getLen() + " bytes but " + known.bytes() + " were written");
                }
                out.add(known != null ? known : hash(s.getPath(), name));
            }
        } catch (IOException e) {
            throw new OutputException(dir.toString(), "cannot list the attempt's files", e);
        }
        for (String name : attempt.written().keySet()) {
            if (out.stream().noneMatch(f -> f.name().equals(name))) {
                throw new OutputException(new Path(dir, name).toString(), "was written but is missing from the attempt directory");
            }
        }
        if (out.isEmpty()) {
            throw new OutputException(dir.toString(), "the attempt has no files; write the tile's outputs before publishing");
        }
        out.sort(Comparator.comparing(TileManifest.FileEntry::name));
        return out;
    }

    private TileManifest.FileEntry hash(Path p, String name) throws OutputException {
        MessageDigest digest = TileAttempt.sha256();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.open(p)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        } catch (IOException e) {
            throw new OutputException(p.toString(), "cannot read the file to checksum it", e);
        }
        return new TileManifest.FileEntry(name, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    /** Deletes attempts and temporary manifests not in {@code keep}: by age, or (exclusive) all but this run's young ones. */
    private void collect(Path tileDir, Set<String> keep, boolean exclusive, List<String> deleted, List<String> problems) {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(tileDir);
        } catch (FileNotFoundException e) {
            return;
        } catch (IOException e) {
            problems.add(tileDir + ": cannot list for garbage collection (" + e.getMessage() + ")");
            return;
        }
        Instant cutoff = clock.instant().minus(orphanGrace);
        String tempPrefix = "." + CURRENT + ManifestStore.TEMP_INFIX;
        for (FileStatus s : entries) {
            String name = s.getPath().getName();
            boolean garbage;
            if (name.equals(CURRENT) || keep.contains(name)) {
                garbage = false;
            } else if (s.isDirectory() || name.startsWith(tempPrefix)) {
                Optional<Instant> created = creationTime(name); // empty for names we did not make
                boolean ours = name.startsWith(runId + "-");
                garbage = created.isPresent() && (exclusive && !ours || created.get().isBefore(cutoff));
            } else {
                garbage = false; // not ours: leave it
            }
            if (garbage) {
                try {
                    if (fs.delete(s.getPath(), true)) {
                        deleted.add(s.getPath().toString());
                    } else {
                        problems.add(s.getPath() + ": delete returned false; delete it by hand");
                    }
                } catch (IOException e) {
                    problems.add(s.getPath() + ": cannot delete (" + e.getMessage() + "); delete it by hand");
                }
            }
        }
    }

    /** The time encoded in the version-7 UUID at the end of an attempt or temporary manifest name. */
    static Optional<Instant> creationTime(String name) {
        Matcher m = UUID_TAIL.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        UUID u = UUID.fromString(m.group(1));
        return Optional.of(Instant.ofEpochMilli(u.getMostSignificantBits() >>> 16));
    }

    static String checkId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a " + what + " must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, got '"
                    + id + "'");
        }
        return id;
    }
}
