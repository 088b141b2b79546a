package org.massmap.spark.io;

import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogFormat;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.CsvCatalogReader;
import org.massmap.catalog.FitsCatalogReader;

/**
 * One task's share of a catalog: rows [startRow, endRow) (0-based) of a FITS table, row groups
 * [startRow, endRow) of a Parquet file (its unit of splitting), or a whole CSV file (startRow = 0,
 * endRow = {@link #WHOLE_FILE}: CSV rows cannot be found by index without reading all rows before
 * them). A small serializable value, built by {@link CatalogSplits} on the driver and opened on an
 * executor.
 *
 * @param uri      fully qualified Hadoop URI of the catalog file
 * @param format   the file's format, detected on the driver
 * @param startRow first row (FITS) or row group (Parquet), 0 for CSV
 * @param endRow   one past the last row (FITS) or row group (Parquet), {@link #WHOLE_FILE} for CSV
 */
public record CatalogSplit(String uri, CatalogFormat format, long startRow, long endRow) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The endRow of a split that covers a whole (CSV) file. */
    public static final long WHOLE_FILE = -1;

    public CatalogSplit {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(format, "format");
        if (format == CatalogFormat.CSV && (startRow != 0 || endRow != WHOLE_FILE)) {
            throw new IllegalArgumentException("a CSV split covers its whole file (rows 0 to WHOLE_FILE), got ["
                    + startRow + ", " + endRow + ") for " + uri);
        }
        if (format == CatalogFormat.FITS && (startRow < 0 || endRow < startRow)) {
            throw new IllegalArgumentException("FITS row range [" + startRow + ", " + endRow + ") of " + uri
                    + " is not a range; need 0 <= startRow <= endRow");
        }
        if (format == CatalogFormat.PARQUET && (startRow < 0 || endRow < startRow || endRow > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("Parquet row-group range [" + startRow + ", " + endRow + ") of " + uri
                    + " is not a range; need 0 <= startRow <= endRow");
        }
    }

    /** The whole CSV file {@code uri}. */
    public static CatalogSplit wholeCsv(String uri) {
        return new CatalogSplit(uri, CatalogFormat.CSV, 0, WHOLE_FILE);
    }

    /** Rows [startRow, endRow) of the FITS table in {@code uri}. */
    public static CatalogSplit fitsRows(String uri, long startRow, long endRow) {
        return new CatalogSplit(uri, CatalogFormat.FITS, startRow, endRow);
    }

    /** Row groups [firstGroup, endGroup) of the Parquet file {@code uri}. */
    public static CatalogSplit parquetGroups(String uri, int firstGroup, int endGroup) {
        return new CatalogSplit(uri, CatalogFormat.PARQUET, firstGroup, endGroup);
    }

    /** Whether this split covers its whole file (CSV). */
    public boolean wholeFile() {
        return endRow == WHOLE_FILE;
    }

    /** Rows in this split, or -1 when unknown (CSV, and Parquet, whose split counts row groups). */
    public long rows() {
        return wholeFile() || format == CatalogFormat.PARQUET ? -1 : endRow - startRow;
    }

    /**
     * Opens this split's rows on the file system {@code conf} resolves: FITS and CSV through a
     * {@link HadoopCatalogSource}, Parquet through its own Hadoop reader.
     */
    public CatalogReader open(Configuration conf, ColumnMapping mapping) throws CatalogException {
        return switch (format) {
            case FITS -> FitsCatalogReader.open(HadoopCatalogSource.of(uri, conf), mapping, startRow, endRow);
            case CSV -> CsvCatalogReader.open(HadoopCatalogSource.of(uri, conf), mapping);
            case PARQUET -> ParquetCatalogReader.open(uri, conf, mapping, (int) startRow, (int) endRow);
        };
    }

    @Override
    public String toString() {
        return uri + (wholeFile() ? " (whole file)" : (format == CatalogFormat.PARQUET ? " row groups [" : " rows [")
                + startRow + ", " + endRow + ")");
    }
}
