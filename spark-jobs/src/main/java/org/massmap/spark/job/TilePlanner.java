package org.massmap.spark.job;

import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.massmap.spark.output.TileCommitter;
import org.massmap.spark.output.TileFingerprint;
import org.massmap.spark.output.TileManifest;

/**
 * Decides, on an executor, what to do with a binned tile: too few galaxies, up to date (its
 * content fingerprint equals the published one: no sampling), or run. The fingerprint covers the
 * galaxies that fell in the tile, the model checksum and the settings that change results; file
 * times never enter.
 */
final class TilePlanner {
    private TilePlanner() {
    }

    static TilePlan plan(JobSpec spec, TileBinning b, Configuration hadoop) {
        long galaxies = b.digest().count();
        String fp = TileFingerprint.of(b.tile(), b.digest(), spec.modelSha256(), spec.canonicalConfig()).sha256();
        if (galaxies < spec.minGalaxies()) {
            return new TilePlan(b.tile(), null, fp, galaxies, TileDecision.TOO_FEW_GALAXIES,
                    galaxies + " galaxies, fewer than job.min-galaxies=" + spec.minGalaxies(), null);
        }
        try {
            TileCommitter committer = TileCommitter.open(new Path(spec.outputUri()), hadoop, spec.runId());
            Optional<TileManifest> published = spec.force() ? Optional.empty() : committer.upToDate(b.tile().id(), new TileFingerprint(fp));
            if (published.isPresent()) {
                return new TilePlan(b.tile(), null, fp, galaxies, TileDecision.UP_TO_DATE, "inputs unchanged",
                        committer.attemptDirectory(published.get()).toString());
            }
        } catch (Exception e) {
            return new TilePlan(b.tile(), null, fp, galaxies, TileDecision.FAILED, "cannot read its published state: " + e.getMessage(), null);
        }
        return new TilePlan(b.tile(), b.accumulator(), fp, galaxies, TileDecision.RUN, null, null);
    }
}
