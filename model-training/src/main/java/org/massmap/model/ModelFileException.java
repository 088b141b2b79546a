package org.massmap.model;

import java.io.IOException;
import java.nio.file.Path;

/** A model directory could not be read or written: missing, truncated, corrupt or of another format. */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
