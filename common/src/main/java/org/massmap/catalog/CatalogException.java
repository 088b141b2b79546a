package org.massmap.catalog;

/**
 * A galaxy catalog could not be read or binned: missing or unreadable file, not a FITS/CSV table,
 * truncated data, a missing or non-numeric column, no usable rows, or no galaxy inside the tile.
 * The message names the file and, where it helps, the column, the row and the fix.
 *
 * <p>Defined here for the catalog package; it carries the file name separately so that callers
 * (the Spark job, the CLI) can report it per input.
 */
public final class CatalogException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final boolean notACatalog;

    /**
     * @param file    the catalog file (path as given by the user), never null
     * @param message what went wrong and how to fix it, without the file name (it is prefixed)
     */
    public CatalogException(String file, String message) {
        this(file, message, false);
    }

    private CatalogException(String file, String message, boolean notACatalog) {
        super(file + ": " + message);
        this.file = file;
        this.notACatalog = notACatalog;
    }

    /**
     * A valid file that is not a shear catalog at all (a FITS image, or tables none of which has
     * an ellipticity column), such as the truth map next to a simulated catalog. A survey run
     * skips such files with a note; a command given only such a file reports this message.
     */
    public static CatalogException notACatalog(String file, String message) {
        return new CatalogException(file, message, true);
    }

    /** Whether the file is valid but holds no shear catalog ({@link #notACatalog}). */
    public boolean isNotACatalog() {
        return notACatalog;
    }

    /** As {@link #CatalogException(String, String)}, keeping the library exception as the cause. */
    public CatalogException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.notACatalog = false;
    }

    /** The catalog file the error refers to. */
    public String file() {
        return file;
    }
}
