package org.massmap.catalog;

/**
 * Streams the galaxies of one catalog in chunks, never holding more than one chunk of rows (plus
 * the reader's own fixed-size I/O buffer). Rows with a non-finite value in a used column, or with
 * zero weight, are dropped and counted in {@link #stats()}; every galaxy handed out is finite, has
 * w &gt; 0 and its ellipticity is in the sky convention ({@link ColumnMapping}).
 *
 * <pre>{@code
 * try (CatalogReader r = Catalogs.open(path, columns)) {
 *     GalaxyChunk chunk = new GalaxyChunk();
 *     while (r.next(chunk)) { ... chunk.size() galaxies ... }
 * }
 * }</pre>
 *
 * Not thread-safe: one reader per thread.
 */
public interface CatalogReader extends AutoCloseable {

    /** The catalog file, as used in error messages. */
    String source();

    /**
     * Clears {@code chunk} and fills it with the next galaxies (up to its capacity).
     *
     * @return false when the catalog (or row range) is exhausted and the chunk is left empty
     * @throws CatalogException on an I/O error, a malformed value, a negative weight, or (CSV) a
     *                          catalog with no data rows at all
     */
    boolean next(GalaxyChunk chunk) throws CatalogException;

    /** Counts so far; final once {@link #next} has returned false. */
    ReadStats stats();

    @Override
    void close() throws CatalogException;
}
