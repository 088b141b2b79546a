package org.massmap.spark.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run-level garbage collection of an output root: every tile's attempt directories and
 * temporary manifests that neither its {@code current.json} nor the run manifest
 * ({@code OUT/manifest.json}) names. Run by the driver at the start of a run (what an interrupted
 * run left) and after the run's manifest is published (the attempts it superseded), so that every
 * attempt a published manifest names stays on disk until a later manifest replaces it.
 */
public final class OutputGarbage {
    private OutputGarbage() {
    }

    /**
     * Collects garbage under {@code outputRoot}.
     *
     * @param exclusive true when the caller holds the {@link OutputLock} (other runs' orphans go
     *                  whatever their age); false on object stores (only orphans older than the grace period)
     * @return what was deleted and what could not be (never fatal: the outputs are intact either way)
     */
    public static TileCommitter.Publication collect(FileSystem fs, Path outputRoot, String runId, boolean exclusive)
            throws OutputException {
        FileSystem io = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        TileCommitter committer = new TileCommitter(io, outputRoot, runId, PublishMode.forFileSystem(io), Clock.systemUTC(),
                TileCommitter.DEFAULT_ORPHAN_GRACE);
        Map<String, Set<String>> named = namedByRunManifest(io, outputRoot);
        List<String> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        FileStatus[] tiles;
        try {
            tiles = io.listStatus(new Path(outputRoot, "tiles"));
        } catch (FileNotFoundException e) {
            return new TileCommitter.Publication(null, deleted, problems);
        } catch (IOException e) {
            throw new OutputException(new Path(outputRoot, "tiles").toString(), "cannot list the tiles for garbage collection", e);
        }
        for (FileStatus t : tiles) {
            if (!t.isDirectory()) {
                continue;
            }
            String id = t.getPath().getName();
            try {
                TileCommitter.Publication p = committer.collectGarbage(id, named.getOrDefault(id, Set.of()), exclusive);
                deleted.addAll(p.deleted());
                problems.addAll(p.problems());
            } catch (OutputException | IllegalArgumentException e) {
                problems.add(t.getPath() + ": not collected (" + e.getMessage() + ")");
            }
        }
        return new TileCommitter.Publication(null, deleted, problems);
    }

    /** Tile id → attempt names that OUT/manifest.json names (an unreadable manifest names none). */
    private static Map<String, Set<String>> namedByRunManifest(FileSystem fs, Path outputRoot) throws OutputException {
        Map<String, Set<String>> named = new HashMap<>();
        Optional<RunManifest> m = RunManifest.read(fs, new Path(outputRoot, RunManifest.NAME));
        if (m.isPresent()) {
            for (RunManifest.TileRecord t : m.get().tiles()) {
                if (t.attempt() != null) {
                    named.computeIfAbsent(t.tile(), k -> new HashSet<>()).add(new Path(t.attempt()).getName());
                }
            }
        }
        return named;
    }
}
