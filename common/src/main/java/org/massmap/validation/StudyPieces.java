package org.massmap.validation;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.massmap.io.JsonFiles;
import org.massmap.io.MassmapIoException;

/**
 * The finished pieces of a long study, one JSON file each under a directory, so that an interrupted
 * run resumes where it stopped: {@link #get} returns a piece's stored value when its file exists and
 * was made with the same key (a text naming everything the piece depends on), computes and stores it
 * otherwise. A file made with another key is refused, naming the file and both keys, rather than
 * silently reused or overwritten. Files are written atomically: a crash leaves a piece whole or absent.
 */
final class StudyPieces {
    /** What a piece file holds: the key it was made with and its value. */
    record Piece<T>(String key, T value) { }

    private final Path dir;
    private final PrintWriter console;

    /**
     * @param dir     where the pieces are kept (created when the first is written)
     * @param console one line per piece reused
     */
    StudyPieces(Path dir, PrintWriter console) {
        this.dir = dir;
        this.console = console;
    }

    /**
     * The piece {@code name}: read back when stored with {@code key}, else computed and stored.
     *
     * @throws IllegalArgumentException when the stored piece was made with another key
     */
    <T> T get(String name, String key, Class<T> type, Callable<T> compute) throws Exception {
        Path file = dir.resolve(name + ".json");
        if (Files.isRegularFile(file)) {
            Piece<T> stored = read(file, type);
            if (!key.equals(stored.key())) {
                throw new IllegalArgumentException(file + " was made by another run (" + stored.key() + "; this run: " + key
                        + "); use another --out, or delete the file to recompute it");
            }
            console.printf(Locale.ROOT, "  %s: reused from %s%n", name, file);
            console.flush();
            return stored.value();
        }
        T value = compute.call();
        Files.createDirectories(dir);
        JsonFiles.write(file, new Piece<>(key, value));
        return value;
    }

    private static <T> Piece<T> read(Path file, Class<T> type) throws MassmapIoException {
        JavaType pieceType = JsonFiles.mapper().getTypeFactory().constructParametricType(Piece.class, type);
        try {
            return JsonFiles.mapper().readValue(file.toFile(), pieceType);
        } catch (IOException e) {
            throw new MassmapIoException(file, "not a piece of this study (truncated or from another version): " + e.getMessage(), e);
        }
    }
}
