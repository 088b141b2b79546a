package org.massmap.io.fits;

/**
 * A FITS file whose structure is damaged (not FITS, truncated, trailing bytes), found by
 * {@link FitsStructure}. The message states the problem and the fix but not the file: each reader
 * wraps it in its own exception, which names the file.
 */
public final class FitsStructureException extends Exception {
    private static final long serialVersionUID = 1L;

    FitsStructureException(String problem) {
        super(problem);
    }

    FitsStructureException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
