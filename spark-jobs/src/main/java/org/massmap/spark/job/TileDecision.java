package org.massmap.spark.job;

import org.massmap.spark.output.TileOutcome;

/**
 * What the planner decided for a binned tile, before any sampling: run it, or settle it at once
 * with an outcome ({@link #outcome()}).
 */
public enum TileDecision {
    /** Inputs changed (or no output yet): sample and publish. */
    RUN(null),
    /** Fingerprint equals the published one: nothing to do. */
    UP_TO_DATE(TileOutcome.SKIPPED),
    /** Too few galaxies to map. */
    TOO_FEW_GALAXIES(TileOutcome.TOO_FEW_GALAXIES),
    /** Preparing the tile failed (reason given). */
    FAILED(TileOutcome.FAILED);

    private final TileOutcome outcome;

    TileDecision(TileOutcome outcome) {
        this.outcome = outcome;
    }

    /** The tile's outcome, settled by this decision; a tile to {@link #RUN} has one only once published. */
    public TileOutcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("a tile to run has no outcome before it is sampled and published");
        }
        return outcome;
    }
}
