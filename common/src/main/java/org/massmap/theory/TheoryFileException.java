package org.massmap.theory;

import java.io.IOException;

/**
 * A theory input file (a source redshift distribution n(z) or a tabulated C_ℓ) could not be read or
 * has invalid content. The message names the file and, for content errors, the row (1-based line
 * number in text files, 1-based row in FITS tables) and the fix.
 */
public class TheoryFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public TheoryFileException(String message) {
        super(message);
    }

    public TheoryFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
