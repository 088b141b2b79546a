package org.massmap.spark.job;

import java.io.Serializable;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.survey.Tile;

/**
 * A tile after binning: its sums (null unless it will run), content fingerprint, galaxy count,
 * what the job will do with it, and for an up-to-date tile the published attempt directory it keeps
 * (null otherwise).
 */
public record TilePlan(Tile tile, ShearAccumulator binned, String fingerprint, long galaxies, TileDecision decision,
        String reason, String attempt) implements Serializable {

    /** The same plan without its (large) binned sums, for the driver. */
    public TilePlan summary() {
        return new TilePlan(tile, null, fingerprint, galaxies, decision, reason, attempt);
    }

    /** Whether the tile is to be sampled and published. */
    public boolean runs() {
        return decision == TileDecision.RUN;
    }

    /** The report of a tile that the plan settles without sampling (every decision but {@link TileDecision#RUN}). */
    public TileReport settledReport() {
        return new TileReport(tile.id(), decision.outcome(), reason, fingerprint, attempt, galaxies, 0, 0, 0, 0, tile.raDeg(),
                tile.decDeg());
    }
}
