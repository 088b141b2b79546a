package org.massmap.catalog;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.massmap.io.RandomAccessInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams galaxies from the first binary table (BINTABLE HDU) of a FITS file that has all mapped
 * columns (names matched case-insensitively), optionally restricted to a row range
 * [startRow, endRow) so that several tasks can share one large file. The file is any
 * {@link CatalogSource} (a local path, a Hadoop URI); the {@code Path} methods are shorthands for
 * {@link CatalogSource#of(Path)}.
 *
 * <p>Headers are parsed by nom-tam-fits and validated against the source length (nom-tam-fits logs
 * rather than throws on some damaged files). Rows are then read by positional reads, a block of
 * whole rows at a time (at most {@value #MAX_BUFFER_BYTES} bytes), and only the mapped columns are
 * decoded: memory use is one I/O buffer plus the caller's chunk, whatever the table size. A binary
 * table is stored row by row, so a row range costs reading its whole rows (every column) plus the
 * headers, and nothing outside the range. Numeric scalar
 * columns of types D, E, K, J, I and B are accepted, with TSCAL/TZERO applied and TNULL read as
 * NaN. Not thread-safe.
 */
public final class FitsCatalogReader implements CatalogReader {
    private static final Logger LOG = LoggerFactory.getLogger(FitsCatalogReader.class);
    static final int MAX_BUFFER_BYTES = 8 << 20;

    private final FitsTableLayout layout;
    private final ColumnMapping mapping;
    private final long startRow;
    private final long endRow;
    private final RandomAccessInput input;
    private final ByteBuffer buffer;
    private final int bufferRows;
    private long nextRow;
    private final RowFilter filter;
    private boolean reported;

    private FitsCatalogReader(FitsTableLayout layout, ColumnMapping mapping, long startRow, long endRow,
                              RandomAccessInput input) {
        this.layout = layout;
        this.mapping = mapping;
        this.startRow = startRow;
        this.endRow = endRow;
        this.input = input;
        this.bufferRows = (int) Math.max(1, Math.min(Math.min(GalaxyChunk.DEFAULT_CAPACITY, endRow - startRow),
                MAX_BUFFER_BYTES / Math.max(1, layout.rowBytes())));
        this.buffer = ByteBuffer.allocate(bufferRows * layout.rowBytes());
        this.nextRow = startRow;
        this.filter = new RowFilter(layout.source(), mapping, "row", layout.columns()[1].name(),
                mapping.hasWeight() ? layout.columns()[4].name() : null);
    }

    /** Opens the whole table of a local file. */
    public static FitsCatalogReader open(Path file, ColumnMapping mapping) throws CatalogException {
        return open(CatalogSource.of(file), mapping);
    }

    /**
     * Opens rows [startRow, endRow) of a local file; see {@link #open(CatalogSource, ColumnMapping, long, long)}.
     */
    public static FitsCatalogReader open(Path file, ColumnMapping mapping, long startRow, long endRow)
            throws CatalogException {
        return open(CatalogSource.of(file), mapping, startRow, endRow);
    }

    /** Number of rows of the catalog table of a local file (headers only are read). */
    public static long rowCount(Path file, ColumnMapping mapping) throws CatalogException {
        return rowCount(CatalogSource.of(file), mapping);
    }

    /** Opens the whole table. */
    public static FitsCatalogReader open(CatalogSource source, ColumnMapping mapping) throws CatalogException {
        return open(source, mapping, true, 0, 0);
    }

    /**
     * Opens rows [startRow, endRow) (0-based) of the table; an empty range is allowed and yields no
     * galaxies. Reading every range of a partition of [0, {@link #rowCount}) visits each row once.
     * Only the headers and the blocks of the range are read.
     *
     * @throws CatalogException if the range does not lie inside the table, or on any error of
     *                          {@link #open(CatalogSource, ColumnMapping)}
     */
    public static FitsCatalogReader open(CatalogSource source, ColumnMapping mapping, long startRow, long endRow)
            throws CatalogException {
        return open(source, mapping, false, startRow, endRow);
    }

    /** Number of rows of the catalog table (headers only are read), for splitting it into ranges. */
    public static long rowCount(CatalogSource source, ColumnMapping mapping) throws CatalogException {
        try (FitsCatalogReader reader = open(source, mapping, 0, 0)) {
            return reader.tableRows();
        }
    }

    private static FitsCatalogReader open(CatalogSource source, ColumnMapping mapping, boolean wholeTable,
                                          long startRow, long endRow) throws CatalogException {
        RandomAccessInput input = source.openInput();
        try {
            FitsTableLayout layout = FitsTableLayout.locate(source, input, mapping);
            long start = wholeTable ? 0 : startRow;
            long end = wholeTable ? layout.rows() : endRow;
            if (start < 0 || end < start || end > layout.rows()) {
                throw new CatalogException(layout.source(), "row range [" + start + ", " + end
                        + ") is not inside the table's " + layout.rows() + " rows; use 0 <= start <= end <= " + layout.rows());
            }
            LOG.debug("reading rows [{}, {}) of {}", start, end, layout);
            return new FitsCatalogReader(layout, mapping, start, end, input);
        } catch (CatalogException | RuntimeException e) {
            try {
                input.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String source() {
        return layout.source();
    }

    /** Rows in the whole table. */
    public long tableRows() {
        return layout.rows();
    }

    public long startRow() {
        return startRow;
    }

    public long endRow() {
        return endRow;
    }

    /** 0-based index of the HDU read. */
    public int hdu() {
        return layout.hdu();
    }

    @Override
    public boolean next(GalaxyChunk chunk) throws CatalogException {
        chunk.clear();
        FitsColumn ra = layout.columns()[0];
        FitsColumn dec = layout.columns()[1];
        FitsColumn e1 = layout.columns()[2];
        FitsColumn e2 = layout.columns()[3];
        FitsColumn w = mapping.hasWeight() ? layout.columns()[4] : null;
        int rowBytes = layout.rowBytes();
        while (!chunk.isFull() && nextRow < endRow) {
            int rows = (int) Math.min(Math.min(endRow - nextRow, bufferRows), chunk.capacity() - chunk.size());
            fill(nextRow, rows);
            for (int r = 0, at = 0; r < rows; r++, at += rowBytes) {
                filter.add(chunk, ra.read(buffer, at), dec.read(buffer, at), e1.read(buffer, at), e2.read(buffer, at),
                        w == null ? 1.0 : w.read(buffer, at), nextRow + r + 1);
            }
            nextRow += rows;
        }
        if (chunk.size() == 0) {
            reportOnce();
            return false;
        }
        return true;
    }

    private void fill(long firstRow, int rows) throws CatalogException {
        long position = layout.dataOffset() + firstRow * layout.rowBytes();
        try {
            input.readFully(position, buffer.array(), 0, rows * layout.rowBytes());
        } catch (EOFException e) {
            throw new CatalogException(source(), "truncated FITS: the file ended while reading row " + firstRow
                    + " (it was " + layout.fileLength() + " bytes when opened); re-copy the file", e);
        } catch (IOException e) {
            throw new CatalogException(source(), "cannot read rows from " + firstRow + ": " + e.getMessage(), e);
        }
    }

    private void reportOnce() {
        if (!reported) {
            reported = true;
            ReadStats s = stats();
            if (s.dropped() > 0) {
                LOG.info("{} (rows [{}, {}))", s, startRow, endRow);
            } else {
                LOG.debug("{} (rows [{}, {}))", s, startRow, endRow);
            }
        }
    }

    @Override
    public ReadStats stats() {
        return filter.stats();
    }

    @Override
    public void close() throws CatalogException {
        try {
            input.close();
        } catch (IOException e) {
            throw new CatalogException(source(), "cannot close the catalog: " + e.getMessage(), e);
        }
    }
}
