package org.massmap.catalog;

/**
 * The row rules every catalog reader applies, in one place: a row with a non-finite value in a used
 * column is dropped (counted), a row of weight 0 is dropped (counted), a negative weight or a Dec
 * outside [−90°, 90°] is an error naming the row and column, and every other row becomes a galaxy
 * with its ellipticity turned into the sky convention by the {@link ColumnMapping}. Keeps the counts
 * of {@link ReadStats}. Mutable, one per reader.
 */
public final class RowFilter {
    private final String source;
    private final ColumnMapping mapping;
    private final String rowWord;
    private final String decColumn;
    private final String weightColumn;
    private long rowsRead;
    private long galaxies;
    private long droppedNonFinite;
    private long droppedZeroWeight;

    /**
     * @param source       the catalog, for messages
     * @param rowWord      how rows are called in messages ("line" for text, "row" for tables); both count from 1
     * @param decColumn    the Dec column's name as the file spells it
     * @param weightColumn the weight column's name as the file spells it, or null without weights
     */
    public RowFilter(String source, ColumnMapping mapping, String rowWord, String decColumn, String weightColumn) {
        this.source = source;
        this.mapping = mapping;
        this.rowWord = rowWord;
        this.decColumn = decColumn;
        this.weightColumn = weightColumn;
    }

    /** "line 12", or "row 12 (counting from 1)" for tables, whose rows users may count from 0. */
    private String where(long row) {
        return rowWord + " " + row + (rowWord.equals("line") ? "" : " (counting from 1)");
    }

    /**
     * Counts one row read and adds it to {@code chunk} if it is a usable galaxy.
     *
     * @param row the row's number for messages, counting from 1 (a text line, or a table row as TOPCAT shows it)
     * @param w   the weight, 1 without a weight column
     */
    public void add(GalaxyChunk chunk, double ra, double dec, double e1, double e2, double w, long row) throws CatalogException {
        rowsRead++;
        if (!(Double.isFinite(ra) && Double.isFinite(dec) && Double.isFinite(e1) && Double.isFinite(e2) && Double.isFinite(w))) {
            droppedNonFinite++;
            return;
        }
        if (w <= 0) {
            if (w < 0) {
                throw new CatalogException(source, where(row) + " has a negative weight " + w + " in column '"
                        + weightColumn + "'; weights must be >= 0 (0 drops the galaxy)");
            }
            droppedZeroWeight++;
            return;
        }
        if (dec < -90 || dec > 90) {
            throw new CatalogException(source, where(row) + " has Dec = " + dec + " in column '" + decColumn
                    + "', outside [-90, 90] degrees; check the column mapping (degrees expected)");
        }
        chunk.add(ra, dec, mapping.toSkyE1(e1), mapping.toSkyE2(e2), w);
        galaxies++;
    }

    /** Rows seen so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /** The counts so far. */
    public ReadStats stats() {
        return new ReadStats(source, rowsRead, galaxies, droppedNonFinite, droppedZeroWeight);
    }
}
