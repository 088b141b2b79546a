package org.massmap.catalog;

import java.io.InputStream;
import java.nio.file.Path;
import org.massmap.io.RandomAccessInput;

/**
 * The bytes of one catalog file, wherever they live: a local file ({@link LocalCatalogSource}), a
 * Hadoop file system URI (in {@code spark-jobs}), or memory (tests). Readers need three things:
 * the length (to validate FITS sizes against truncation), a stream from byte 0 (CSV, gzip, format
 * sniffing) and random reads (FITS headers and row blocks, so that a row range of a large table is
 * read without touching the rest of the file).
 *
 * <p>Opening is the source's job: {@link #length}, {@link #openStream} and {@link #openInput}
 * throw a {@link CatalogException} naming the source and the fix (missing file, not a file,
 * permission). Reading from what they return throws plain {@link java.io.IOException}s, which the
 * readers wrap with the row or line they were reading.
 *
 * <p>Implementations are immutable and cheap to create; each {@code open…} call returns a new,
 * independent handle that the caller closes.
 */
public interface CatalogSource {

    /** The file as the user named it (path or URI), used in every message and in {@link CatalogException#file()}. */
    String name();

    /**
     * Size of the file in bytes.
     *
     * @throws CatalogException if the file does not exist, is not a regular file or cannot be queried
     */
    long length() throws CatalogException;

    /**
     * A stream over the whole file from byte 0, not buffered (wrap it as needed); the caller closes it.
     *
     * @throws CatalogException if the file does not exist, is not a regular file or cannot be opened
     */
    InputStream openStream() throws CatalogException;

    /**
     * Random read access to the file; the caller closes it.
     *
     * @throws CatalogException if the file does not exist, is not a regular file or cannot be opened
     */
    RandomAccessInput openInput() throws CatalogException;

    /** The local file {@code file}, named by {@code file.toString()}. */
    static CatalogSource of(Path file) {
        return new LocalCatalogSource(file);
    }
}
