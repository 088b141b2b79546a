package org.massmap.io;

import java.nio.file.Path;

/**
 * A failure to read or write one of the project's files. Checked, so every I/O boundary must
 * decide what to do with it; the message always starts with the file name and says what is wrong
 * and, where there is one, the fix. Library exceptions (nom-tam-fits, Jackson, java.io) are kept
 * as the cause.
 */
public final class MassmapIoException extends Exception {

    private final transient Path file;

    /** A problem with {@code file}, described without a library cause. */
    public MassmapIoException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by a library or JDK exception. */
    public MassmapIoException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + describe(cause), cause);
        this.file = file;
    }

    /** The file the problem is about (may be a directory for whole-directory outputs). */
    public Path file() {
        return file;
    }

    private static String describe(Throwable cause) {
        if (cause == null || cause.getMessage() == null || cause.getMessage().isBlank()) {
            return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
        }
        return " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}
