package org.massmap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds a tile's product directory: a directory holding posterior_mean.fits as given, or, in the
 * output of the survey job, OUT/tiles/TILE/ATTEMPT named by OUT/tiles/TILE/current.json.
 */
final class RunDirectories {
    private RunDirectories() {
    }

    /** Tile ids published under a survey output (the mosaic excluded), sorted. */
    static List<String> tiles(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        Path tiles = out.resolve("tiles");
        if (!Files.isDirectory(tiles)) {
            return ids;
        }
        try (Stream<Path> s = Files.list(tiles)) {
            s.filter(p -> Files.isRegularFile(p.resolve("current.json")))
                    .map(p -> p.getFileName().toString())
                    .filter(id -> !id.equals(org.massmap.spark.job.SurveyJob.MOSAIC_ID))
                    .sorted().forEach(ids::add);
        }
        return ids;
    }

    /** The product directory of {@code tile} (or of the only tile when null). */
    static Path resolve(Path run, String tile) throws IOException {
        if (Files.isRegularFile(run.resolve("posterior_mean.fits"))) {
            return run;
        }
        List<String> ids = tiles(run);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(run + " holds neither posterior_mean.fits nor published tiles (tiles/*/current.json)");
        }
        String id = tile;
        if (id == null) {
            if (ids.size() > 1) {
                throw new IllegalArgumentException(run + " holds " + ids.size() + " tiles " + ids + "; choose one with --tile");
            }
            id = ids.get(0);
        } else if (!ids.contains(id)) {
            throw new IllegalArgumentException("tile '" + id + "' is not published under " + run + "; tiles: " + ids);
        }
        JsonNode current = org.massmap.io.JsonFiles.mapper().readTree(run.resolve("tiles").resolve(id).resolve("current.json").toFile());
        return run.resolve("tiles").resolve(id).resolve(current.get("attempt").asText());
    }
}
