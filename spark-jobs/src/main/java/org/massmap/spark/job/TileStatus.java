package org.massmap.spark.job;

/** What the job decided for a tile. */
public enum TileStatus {
    /** Inputs changed (or no output yet): sample and publish. */
    RUN,
    /** Fingerprint equals the published one: nothing to do. */
    UP_TO_DATE,
    /** Too few galaxies to map. */
    TOO_FEW_GALAXIES,
    /** Preparing the tile failed (reason given). */
    FAILED
}
