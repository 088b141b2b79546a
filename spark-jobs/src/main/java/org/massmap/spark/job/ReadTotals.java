package org.massmap.spark.job;

import java.io.Serializable;

/** Row counts of the catalog splits read by one task (mergeable by addition). */
public record ReadTotals(long rowsRead, long rowsKept, long droppedNonFinite, long droppedZeroWeight, long outsideAllTiles)
        implements Serializable {

    public static final ReadTotals ZERO = new ReadTotals(0, 0, 0, 0, 0);

    public ReadTotals plus(ReadTotals o) {
        return new ReadTotals(rowsRead + o.rowsRead, rowsKept + o.rowsKept, droppedNonFinite + o.droppedNonFinite,
                droppedZeroWeight + o.droppedZeroWeight, outsideAllTiles + o.outsideAllTiles);
    }
}
