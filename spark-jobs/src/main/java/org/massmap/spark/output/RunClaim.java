package org.massmap.spark.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's claim on its id, made before any work: {@code OUT/runs/RUNID/started.json}, created
 * exclusively. A run id is used once per output root, so a second run with the same id stops here,
 * before it publishes anything; and every attempt a run publishes names a run that has a
 * {@code runs/} record, even if the run is killed before its manifest is written.
 */
public final class RunClaim {
    /** Name of the claim file under {@code OUT/runs/RUNID/}. */
    public static final String NAME = "started.json";

    private RunClaim() {
    }

    /** Claims {@code runId} under {@code outputRoot}, or explains that the id was used. */
    public static void claim(FileSystem fs, Path outputRoot, String runId, long seed) throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        Path dir = new Path(new Path(outputRoot, "runs"), TileCommitter.checkId("run id", runId));
        Path file = new Path(dir, NAME);
        try {
            if (io.exists(dir)) {
                throw used(dir, runId);
            }
            try (FSDataOutputStream out = io.create(file, false)) {
                out.write(String.format("{\"runId\": \"%s\", \"started\": \"%s\", \"seed\": %d}%n", runId, Instant.now(), seed)
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw used(dir, runId);
        } catch (IOException e) {
            throw new OutputException(file.toString(), "cannot record the run's start", e);
        }
    }

    /**
     * Withdraws the claim of a run that failed before writing any attempt (a bad centre, an
     * unreadable catalog), so that the same run id can be used once the input is fixed. A run that
     * wrote an attempt keeps its record: published tiles may name it.
     */
    public static void releaseIfUnused(FileSystem fs, Path outputRoot, String runId) throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        Path tiles = new Path(outputRoot, "tiles");
        try {
            if (io.exists(tiles)) {
                for (FileStatus tile : io.listStatus(tiles)) {
                    if (tile.isDirectory() && io.listStatus(tile.getPath(), p -> p.getName().startsWith(runId + "-")).length > 0) {
                        return;
                    }
                }
            }
            io.delete(new Path(new Path(outputRoot, "runs"), runId), true);
        } catch (IOException e) {
            throw new OutputException(new Path(new Path(outputRoot, "runs"), runId).toString(), "cannot withdraw the run's record", e);
        }
    }

    private static OutputException used(Path dir, String runId) {
        return new OutputException(dir.toString(), "run id '" + runId + "' was already used in this output (a run id can be used once);"
                + " set another job.run-id, or leave it unset for a fresh one");
    }
}
