package org.massmap.catalog;

/**
 * What a reader did with the rows of one catalog (or of one row range of it).
 *
 * @param source             the catalog file
 * @param rowsRead           table rows read, kept or not
 * @param galaxies           rows kept and handed out as galaxies
 * @param droppedNonFinite   rows dropped because a used column (ra, dec, e1, e2 or weight) was NaN,
 *                           infinite, empty (CSV) or equal to the column's TNULL (FITS integers)
 * @param droppedZeroWeight  rows dropped because their weight was exactly 0
 */
public record ReadStats(String source, long rowsRead, long galaxies, long droppedNonFinite, long droppedZeroWeight) implements java.io.Serializable {

    public ReadStats {
        if (rowsRead != galaxies + droppedNonFinite + droppedZeroWeight) {
            throw new IllegalArgumentException("inconsistent read counts for " + source + ": " + rowsRead + " rows != "
                    + galaxies + " kept + " + droppedNonFinite + " non-finite + " + droppedZeroWeight + " zero weight");
        }
    }

    public long dropped() {
        return droppedNonFinite + droppedZeroWeight;
    }

    @Override
    public String toString() {
        return source + ": " + rowsRead + " rows, " + galaxies + " galaxies kept, " + droppedNonFinite
                + " dropped for NaN/inf values, " + droppedZeroWeight + " dropped for zero weight";
    }
}
