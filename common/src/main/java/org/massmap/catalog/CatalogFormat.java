package org.massmap.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Catalog file formats, detected from the file's first bytes and, where the content is ambiguous,
 * its name.
 *
 * <ul>
 *   <li>{@link #FITS}: a FITS file (first card {@code SIMPLE  =}) whose first binary table with the
 *       mapped columns holds the galaxies; also any file named {@code .fits}, {@code .fit} or
 *       {@code .fts}, so that a damaged FITS file is reported as such.</li>
 *   <li>{@link #CSV}: a text table with a header line naming the columns; gzip-compressed if the
 *       file starts with the gzip magic bytes.</li>
 *   <li>{@link #PARQUET}: an Apache Parquet file (magic {@code PAR1}), or any file named
 *       {@code .parquet}. Parquet needs Hadoop, so it is read by the spark-jobs module (every
 *       massmap command), not by {@link Catalogs}.</li>
 * </ul>
 */
public enum CatalogFormat {
    FITS,
    CSV,
    PARQUET;

    private static final int SNIFF_BYTES = 1024;

    /** Detects the format of the local file {@code file}. */
    public static CatalogFormat detect(Path file) throws CatalogException {
        return detect(CatalogSource.of(file));
    }

    /**
     * Detects the format of {@code source} from its first {@value #SNIFF_BYTES} bytes and the last
     * segment of its name.
     *
     * @throws CatalogException if the file is missing or unreadable, is gzip-compressed FITS (which
     *                          cannot be read by row range), or is binary but not FITS
     */
    public static CatalogFormat detect(CatalogSource source) throws CatalogException {
        String name = source.name();
        byte[] head = readHead(source);
        String lower = fileName(name).toLowerCase(Locale.ROOT);
        boolean fitsName = lower.endsWith(".fits") || lower.endsWith(".fit") || lower.endsWith(".fts");
        if (startsWith(head, "SIMPLE  =")) {
            return FITS;
        }
        if (startsWith(head, "PAR1") || lower.endsWith(".parquet")) {
            return PARQUET;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            if (lower.matches(".*\\.(fits|fit|fts)\\.gz")) {
                throw new CatalogException(name, "gzip-compressed FITS tables cannot be read by row range; "
                        + "decompress it first (gunzip)");
            }
            return CSV;
        }
        if (fitsName) {
            return FITS;
        }
        if (looksLikeText(head)) {
            return CSV;
        }
        throw new CatalogException(name, "neither a FITS file (no SIMPLE card at the start), a Parquet file nor a text (CSV)"
                + " table; give a FITS binary table, a Parquet file or a CSV file with a header line");
    }

    /** The last segment of a path or URI (after the last '/' or, on Windows, '\\'). */
    static String fileName(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(cut + 1);
    }

    private static byte[] readHead(CatalogSource source) throws CatalogException {
        try (InputStream in = source.openStream()) {
            return in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new CatalogException(source.name(), "cannot read the catalog: " + e.getMessage(), e);
        }
    }

    static boolean startsWith(byte[] head, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (head.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (head[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
        }
        return true;
    }
}
