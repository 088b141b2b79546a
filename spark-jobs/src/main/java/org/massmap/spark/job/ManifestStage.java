package org.massmap.spark.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.massmap.spark.io.CatalogFile;
import org.massmap.spark.output.OutputException;
import org.massmap.spark.output.PublishMode;
import org.massmap.spark.output.RunManifest;
import org.massmap.spark.output.TileOutcome;

/**
 * The survey job's run manifest: {@link #start} opens it when the run starts (configuration, seed,
 * model), the stages add their timings and the rows read, and {@link #finish} (stage 7, last)
 * adds the inputs' checksums (computed on executors: the driver never reads a catalog), every
 * tile's record and the input problems, then publishes OUT/manifest.json and says how the run
 * ended: exit code 0 (every tile ok or skipped, every input read), 1 (tiles were to be sampled and
 * none was published) or {@value RunManifest#PARTIAL_EXIT} (partial).
 */
final class ManifestStage {
    private ManifestStage() {
    }

    /** The manifest of a run of {@code spec} started now. */
    static RunManifest.Builder start(JobSpec spec, Object resolvedConfig) {
        RunManifest.Builder manifest = RunManifest.builder(spec.runId(), spec.softwareVersion(), Clock.systemUTC())
                .config(resolvedConfig).seed("run", spec.sampler().seed());
        if (spec.modelUri() != null) {
            manifest.model(new RunManifest.ModelRef(spec.modelUri(), spec.modelSha256()));
        }
        return manifest;
    }

    /**
     * Completes and publishes the manifest; returns the exit code.
     *
     * @param sampled how many tiles were to be sampled
     * @param started when the run started (for the console's summary)
     */
    static int finish(JavaSparkContext jsc, RunManifest.Builder manifest, JobSpec spec, List<CatalogFile> catalogs,
            List<TileReport> reports, List<InputProblem> problems, int sampled, Broadcast<SerializableWritable<Configuration>> hadoop,
            Instant started, PrintWriter console) throws IOException, OutputException {
        List<String> inputUris = new ArrayList<>();
        catalogs.forEach(f -> inputUris.add(f.uri()));
        if (spec.truthUri() != null) {
            inputUris.add(spec.truthUri());
        }
        for (InputChecksum c : checksums(jsc, inputUris, hadoop)) {
            manifest.input(new RunManifest.InputFile(c.uri(), c.bytes(), c.sha256()));
        }
        int failed = 0;
        int ok = 0;
        for (TileReport r : reports) {
            failed += r.status() == TileOutcome.FAILED ? 1 : 0;
            ok += r.status() == TileOutcome.OK ? 1 : 0;
            manifest.tile(record(r, spec));
        }
        for (InputProblem p : problems) {
            manifest.inputProblem(new RunManifest.InputProblem(p.uri(), p.startRow(), p.endRow(), p.reason()));
        }
        int exit = failed == 0 && problems.isEmpty() ? 0 : (ok == 0 && sampled > 0 ? 1 : RunManifest.PARTIAL_EXIT);
        String message = String.format(Locale.ROOT, "%d tile(s) published, %d skipped, %d failed; %d unreadable input split(s)",
                ok, reports.size() - ok - failed, failed, problems.size());
        Path out = new Path(spec.outputUri());
        FileSystem fs = out.getFileSystem(jsc.hadoopConfiguration());
        manifest.finish(exit, message).write(fs, out, PublishMode.forFileSystem(fs));
        console.printf(Locale.ROOT, "%s (%.0f s); manifest %s%n", message, Duration.between(started, Instant.now()).toMillis() / 1e3,
                new Path(out, RunManifest.NAME));
        return exit;
    }

    /** Where {@link #finish} publishes the manifest of a run of {@code spec}. */
    static String uri(JobSpec spec) {
        return new Path(new Path(spec.outputUri()), RunManifest.NAME).toString();
    }

    private static RunManifest.TileRecord record(TileReport r, JobSpec spec) {
        String reason = r.reason() != null ? r.reason()
                : r.status() == TileOutcome.TOO_FEW_GALAXIES ? "fewer than " + spec.minGalaxies() + " galaxies" : null;
        return new RunManifest.TileRecord(r.tileId(), r.status(), reason, r.fingerprint(), r.attemptUri(), r.seconds());
    }

    /** Checksums of the inputs, computed on executors in parallel (the driver never reads a catalog). */
    private static List<InputChecksum> checksums(JavaSparkContext jsc, List<String> uris,
            Broadcast<SerializableWritable<Configuration>> hadoop) {
        return jsc.parallelize(uris, uris.size()).map(u -> {
            Path p = new Path(u);
            RunManifest.InputFile d = RunManifest.InputFile.describe(p.getFileSystem(hadoop.value().value()), p);
            return new InputChecksum(d.path(), d.bytes(), d.sha256());
        }).collect();
    }
}
