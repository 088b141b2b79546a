package org.massmap.spark.job;

import java.io.Serializable;
import org.massmap.spark.output.TileOutcome;

/**
 * What happened to one tile in this run (small; collected by the driver): outcome, reason,
 * fingerprint, the attempt directory now current, timings and counts.
 *
 * @param status ok (published now), skipped (up to date), failed (old publication, if any, intact)
 *               or too-few-galaxies
 */
public record TileReport(String tileId, TileOutcome status, String reason, String fingerprint, String attemptUri,
        long galaxies, int samples, int failedChains, int candidates, double seconds, double raDeg, double decDeg)
        implements Serializable {
}
