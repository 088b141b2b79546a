package org.massmap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of a bundled model's files (from the classpath) in a directory of its own, for CLI tests that alter or misuse a model. */
final class BundledModelCopy {
    private BundledModelCopy() {
    }

    /** Copies model.json and weights.bin of bundled model {@code name} into {@code dir} (created) and returns it. */
    static Path of(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"model.json", "weights.bin"}) {
            try (InputStream in = BundledModelCopy.class.getClassLoader().getResourceAsStream("massmap/models/" + name + "/" + file)) {
                if (in == null) {
                    throw new IOException("no bundled model file massmap/models/" + name + "/" + file + " on the classpath");
                }
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }
}
