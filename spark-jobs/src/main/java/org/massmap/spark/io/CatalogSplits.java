package org.massmap.spark.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogFormat;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.FitsCatalogReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts catalog files into {@link CatalogSplit}s on the driver. A Parquet file is cut between row
 * groups, consecutive groups gathered up to about rowsPerSplit rows (its footer alone is read). Each FITS table (the first binary
 * table holding the mapped columns) is cut into ⌈rows / rowsPerSplit⌉ contiguous row ranges of
 * nearly equal size (they differ by at most one row), which partition [0, rows) exactly; only the
 * first kilobyte and the headers of each file are read. A CSV file is one split, read whole by one
 * task (see {@link org.massmap.catalog.CsvCatalogReader}); convert big CSV catalogs to FITS to
 * spread them over tasks. Immutable.
 */
public final class CatalogSplits {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSplits.class);

    /** Default rows per split: 10⁶ rows, one task's worth of binning (tens of MB of FITS rows). */
    public static final long DEFAULT_ROWS_PER_SPLIT = 1_000_000;

    private final Configuration conf;
    private final ColumnMapping mapping;
    private final long rowsPerSplit;

    /**
     * @param conf         Hadoop configuration for the files' file systems
     * @param mapping      the catalog columns (they choose the FITS table, as the readers do)
     * @param rowsPerSplit the largest number of rows in one FITS split, at least 1
     */
    public CatalogSplits(Configuration conf, ColumnMapping mapping, long rowsPerSplit) {
        if (rowsPerSplit < 1) {
            throw new IllegalArgumentException("rows per split must be at least 1, got " + rowsPerSplit
                    + "; use about " + DEFAULT_ROWS_PER_SPLIT);
        }
        this.conf = conf;
        this.mapping = mapping;
        this.rowsPerSplit = rowsPerSplit;
    }

    /** As {@link #CatalogSplits(Configuration, ColumnMapping, long)} with {@link #DEFAULT_ROWS_PER_SPLIT}. */
    public CatalogSplits(Configuration conf, ColumnMapping mapping) {
        this(conf, mapping, DEFAULT_ROWS_PER_SPLIT);
    }

    /**
     * The splits of every file, in the order of {@code files}.
     *
     * @throws CatalogException naming the file if it is missing, not a FITS or CSV catalog, a
     *                          gzip-compressed FITS file, or a FITS file without a usable table
     */
    public List<CatalogSplit> split(List<CatalogFile> files) throws CatalogException {
        List<CatalogSplit> out = new ArrayList<>();
        for (CatalogFile file : files) {
            out.addAll(split(file));
        }
        return out;
    }

    /** The splits of one file. */
    public List<CatalogSplit> split(CatalogFile file) throws CatalogException {
        HadoopCatalogSource source = HadoopCatalogSource.of(file.uri(), conf);
        CatalogFormat format = CatalogFormat.detect(source);
        if (format == CatalogFormat.CSV) {
            return List.of(CatalogSplit.wholeCsv(file.uri()));
        }
        if (format == CatalogFormat.PARQUET) {
            return parquetSplits(file.uri(), ParquetCatalogReader.rowGroupRows(file.uri(), conf, mapping));
        }
        long rows = FitsCatalogReader.rowCount(source, mapping);
        List<CatalogSplit> out = new ArrayList<>();
        long[] cuts = cuts(rows, rowsPerSplit);
        for (int i = 0; i + 1 < cuts.length; i++) {
            out.add(CatalogSplit.fitsRows(file.uri(), cuts[i], cuts[i + 1]));
        }
        LOG.info("{}: {} rows in {} split(s)", file.uri(), rows, out.size());
        return out;
    }

    /**
     * Consecutive row groups gathered until a split holds at least rowsPerSplit rows (a row group is
     * never cut); a file without row groups gives one empty split, so it is still read and reported.
     */
    List<CatalogSplit> parquetSplits(String uri, long[] groupRows) {
        List<CatalogSplit> out = new ArrayList<>();
        int start = 0;
        long rows = 0;
        long total = 0;
        for (int g = 0; g < groupRows.length; g++) {
            rows += groupRows[g];
            total += groupRows[g];
            if (rows >= rowsPerSplit || g == groupRows.length - 1) {
                out.add(CatalogSplit.parquetGroups(uri, start, g + 1));
                start = g + 1;
                rows = 0;
            }
        }
        if (out.isEmpty()) {
            out.add(CatalogSplit.parquetGroups(uri, 0, 0));
        }
        LOG.info("{}: {} rows in {} row groups, {} split(s)", uri, total, groupRows.length, out.size());
        return out;
    }

    /**
     * Boundaries 0 = c₀ &lt; c₁ &lt; … &lt; c_k = rows of k = ⌈rows / perSplit⌉ ranges whose sizes
     * differ by at most one: c_i = ⌊i·rows / k⌋.
     */
    static long[] cuts(long rows, long perSplit) {
        long k = Math.max(1, (rows + perSplit - 1) / perSplit);
        if (k > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(rows + " rows in splits of " + perSplit + " make too many splits; raise rows per split");
        }
        long q = rows / k;
        long r = rows % k;
        long[] cuts = new long[(int) k + 1];
        for (int i = 0; i <= k; i++) {
            cuts[i] = i * q + Math.multiplyExact(i, r) / k; // ⌊i·rows/k⌋ with rows = q·k + r
        }
        return cuts;
    }
}
