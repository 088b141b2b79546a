package org.massmap.spark.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.massmap.io.Checksums;

/**
 * The run-level {@code manifest.json} (docs/conventions.md, Outputs): what a run read (inputs with sizes and
 * SHA-256, the model), how it was configured (the resolved configuration and its SHA-256, seeds),
 * what became of every tile (ok, skipped as up to date, or failed with the reason), how long the
 * phases took (seconds) and how the run ended. Times are ISO-8601 UTC. Immutable; built with
 * {@link Builder} and written last, after every tile is published ({@link #write}).
 *
 * @param format          {@value #FORMAT}
 * @param runId           the run's id
 * @param softwareVersion massmap version
 * @param started         start time
 * @param finished        end time
 * @param durationSeconds wall time of the run
 * @param status          ok, partial (some tiles failed) or failed
 * @param exitCode        the process exit code
 * @param message         a one-line summary or the error that ended the run
 * @param config          the resolved configuration
 * @param configSha256    SHA-256 of the configuration's {@link CanonicalJson} text
 * @param seeds           named seeds (e.g. "run")
 * @param model           the score model, or null when none was used
 * @param inputs          input files
 * @param tiles           per-tile outcome, in the order recorded
 * @param tileCounts      number of tiles per outcome (input problems are not tiles: see {@code inputProblems})
 * @param inputProblems   catalog row ranges that could not be read and were skipped
 * @param rows            catalog rows read, usable, dropped (NaN/inf values, zero weight) and outside every tile
 * @param timings         seconds per phase, in the order recorded
 */
public record RunManifest(String format, String runId, String softwareVersion, String started, String finished, double durationSeconds,
        RunStatus status, int exitCode, String message, JsonNode config, String configSha256, Map<String, Long> seeds, ModelRef model,
        List<InputFile> inputs, List<TileRecord> tiles, Map<String, Long> tileCounts, List<InputProblem> inputProblems,
        Map<String, Long> rows, Map<String, Double> timings) {

    /** The format tag of this version of the manifest. */
    public static final String FORMAT = "massmap-run-manifest/1";
    /** The exit code of a partial run (some tiles or inputs failed). */
    public static final int PARTIAL_EXIT = 3;
    /** Name of the run manifest under the output root (and under {@code runs/RUNID/}). */
    public static final String NAME = "manifest.json";

    private static final ObjectMapper JSON = org.massmap.io.JsonFiles.mapper();

    public RunManifest {
        seeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(seeds)); // sorted: repeatable manifest bytes
        inputs = List.copyOf(inputs);
        tiles = List.copyOf(tiles);
        tileCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tileCounts)); // in outcome order, repeatably
        inputProblems = inputProblems == null ? List.of() : List.copyOf(inputProblems); // absent from older manifests
        rows = rows == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** How the run ended. */
    public enum RunStatus {
        /** Every tile is ok or skipped and the exit code is 0. */
        @JsonProperty("ok") OK,
        /** Exit code 3: some tiles or input row ranges failed; the others are published. */
        @JsonProperty("partial") PARTIAL,
        /** The run failed (exit code 1: no tile could be published). */
        @JsonProperty("failed") FAILED
    }

    /**
     * The record of one tile's outcome.
     *
     * @param tile        tile id
     * @param status      ok, skipped or failed ({@link TileOutcome#inRunManifest()}: too few galaxies is recorded as skipped)
     * @param reason      why it was skipped or failed (null when ok)
     * @param fingerprint the inputs' fingerprint (null if not computed)
     * @param attempt     the published attempt directory (null unless ok or skipped)
     * @param seconds     wall time spent on the tile
     */
    public record TileRecord(String tile, TileOutcome status, String reason, String fingerprint, String attempt, double seconds) {
        public TileRecord {
            status = status == null ? null : status.inRunManifest();
        }
    }

    /**
     * Catalog rows that could not be read and were skipped.
     *
     * @param path     the catalog's URI
     * @param startRow first row of the range (0-based)
     * @param endRow   end of the range (exclusive), or -1 for the whole file
     * @param reason   why
     */
    public record InputProblem(String path, long startRow, long endRow, String reason) {
    }

    /**
     * An input file as read.
     *
     * @param path   its URI
     * @param bytes  size
     * @param sha256 SHA-256 of the content
     */
    public record InputFile(String path, long bytes, String sha256) {

        /** Reads {@code path} once to describe it. */
        public static InputFile describe(FileSystem fs, Path path) throws OutputException {
            MessageDigest digest = TileAttempt.sha256();
            long bytes = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = fs.open(path)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    bytes += n;
                }
            } catch (IOException e) {
                throw new OutputException(path.toString(), "cannot read the input to checksum it", e);
            }
            return new InputFile(fs.makeQualified(path).toString(), bytes, HexFormat.of().formatHex(digest.digest()));
        }
    }

    /**
     * The score model used.
     *
     * @param path   its URI
     * @param sha256 SHA-256 of the model file
     */
    public record ModelRef(String path, String sha256) {
    }

    /** A builder for a run started now by {@code clock}. */
    public static Builder builder(String runId, String softwareVersion, Clock clock) {
        return new Builder(runId, softwareVersion, clock);
    }

    /**
     * Writes {@code OUT/runs/RUNID/manifest.json} (kept for the record), then publishes
     * {@code OUT/manifest.json} atomically by {@code mode}: call it last, after every tile.
     */
    public void write(FileSystem fs, Path outputRoot, PublishMode mode) throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        byte[] bytes = toJson();
        Path history = new Path(new Path(new Path(outputRoot, "runs"), TileCommitter.checkId("run id", runId)), NAME);
        try (FSDataOutputStream out = io.create(history, false)) {
            out.write(bytes);
        } catch (FSError e) {
            throw new OutputException(history.toString(), "cannot write the run's manifest", TileAttempt.diskError(e));
        } catch (IOException e) {
            throw new OutputException(history.toString(), "cannot write the run's manifest", e);
        }
        new ManifestStore(io, mode, Clock.systemUTC()).publish(new Path(outputRoot, NAME), bytes);
    }

    /** Reads a run manifest ({@code OUT/manifest.json} or a run's copy), or empty if there is none. */
    public static Optional<RunManifest> read(FileSystem fs, Path file) throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        Optional<byte[]> bytes = new ManifestStore(io, PublishMode.OBJECT_PUT, Clock.systemUTC()).read(file);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            RunManifest m = JSON.readValue(bytes.get(), RunManifest.class);
            if (!FORMAT.equals(m.format())) {
                throw new OutputException(file.toString(), "has format '" + m.format() + "', expected '" + FORMAT + "'");
            }
            return Optional.of(m);
        } catch (IOException e) {
            throw new OutputException(file.toString(), "is not a valid run manifest", e);
        }
    }

    byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the run manifest as JSON", e);
        }
    }

    /** Collects a run's facts as they happen. Thread-safe (synchronized), so tile results may arrive from several threads. */
    public static final class Builder {
        private final String runId;
        private final String softwareVersion;
        private final Clock clock;
        private final Instant started;
        private JsonNode config = JsonNodeFactory.instance.objectNode();
        private String configSha256 = Checksums.sha256("{}");
        private final Map<String, Long> seeds = new LinkedHashMap<>();
        private ModelRef model;
        private final List<InputFile> inputs = new ArrayList<>();
        private final List<TileRecord> tiles = new ArrayList<>();
        private final List<InputProblem> inputProblems = new ArrayList<>();
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private final Map<String, Double> timings = new LinkedHashMap<>();

        private Builder(String runId, String softwareVersion, Clock clock) {
            this.runId = TileCommitter.checkId("run id", runId);
            this.softwareVersion = softwareVersion;
            this.clock = clock;
            this.started = clock.instant();
        }

        /** The resolved configuration (anything Jackson can express); its checksum is taken over the canonical JSON. */
        public synchronized Builder config(Object resolved) {
            this.config = JSON.valueToTree(resolved);
            this.configSha256 = Checksums.sha256(CanonicalJson.of(config));
            return this;
        }

        public synchronized Builder seed(String name, long seed) {
            seeds.put(name, seed);
            return this;
        }

        public synchronized Builder model(ModelRef modelRef) {
            this.model = modelRef;
            return this;
        }

        public synchronized Builder input(InputFile file) {
            inputs.add(file);
            return this;
        }

        public synchronized Builder tile(TileRecord tile) {
            tiles.add(tile);
            return this;
        }

        /** The catalog row counts (read, usable, dropped ...). */
        public synchronized Builder rows(Map<String, Long> counts) {
            rows.putAll(counts);
            return this;
        }

        public synchronized Builder inputProblem(InputProblem problem) {
            inputProblems.add(problem);
            return this;
        }

        /** Records the wall time of a phase (added to earlier records of the same phase). */
        public synchronized Builder timing(String phase, Duration elapsed) {
            timings.merge(phase, elapsed.toNanos() / 1e9, Double::sum);
            return this;
        }

        /**
         * The finished manifest: status ok for exit code 0, partial for 3 (some tiles or inputs
         * failed), failed otherwise.
         */
        public synchronized RunManifest finish(int exitCode, String message) {
            Instant finished = clock.instant();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (TileOutcome o : TileOutcome.IN_RUN_MANIFEST) {
                counts.put(o.toString(), tiles.stream().filter(t -> t.status() == o).count());
            }
            RunStatus status = exitCode == 0 ? RunStatus.OK : exitCode == PARTIAL_EXIT ? RunStatus.PARTIAL : RunStatus.FAILED;
            return new RunManifest(FORMAT, runId, softwareVersion, started.toString(), finished.toString(),
                    Duration.between(started, finished).toNanos() / 1e9, status, exitCode, message, config, configSha256, seeds, model,
                    inputs, tiles, counts, inputProblems, rows, timings);
        }
    }
}
