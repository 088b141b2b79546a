package org.massmap.spark.job;

import java.io.Serializable;

/** Row counts of the catalog splits read by one task (mergeable by addition). */
public record ReadTotals(long rowsRead, long rowsKept, long droppedNonFinite, long droppedZeroWeight, long outsideAllTiles)
        implements Serializable {

    public static final ReadTotals ZERO = new ReadTotals(0, 0, 0, 0, 0);

    /** The counts by name, as the run manifest records them. */
    public java.util.Map<String, Long> asMap() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("read", rowsRead);
        m.put("usable", rowsKept);
        m.put("droppedNonFinite", droppedNonFinite);
        m.put("droppedZeroWeight", droppedZeroWeight);
        m.put("outsideAllTiles", outsideAllTiles);
        return m;
    }

    public ReadTotals plus(ReadTotals o) {
        return new ReadTotals(rowsRead + o.rowsRead, rowsKept + o.rowsKept, droppedNonFinite + o.droppedNonFinite,
                droppedZeroWeight + o.droppedZeroWeight, outsideAllTiles + o.outsideAllTiles);
    }
}
