package org.massmap.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where score models are found: a local model directory, or a model bundled in the jar
 * ({@code classpath:massmap/models/NAME}, so every Spark executor has it without shipping files;
 * {@link BundledModels} lists them).
 * Bundled models are copied to a temporary directory before {@link ModelFiles#load}.
 */
public final class ModelSources {
    private static final String CLASSPATH = "classpath:";

    private ModelSources() {
    }

    /** Loads the model at {@code location} (a directory path or a classpath location). */
    public static ScoreModel load(String location) throws ModelFileException {
        if (!location.startsWith(CLASSPATH)) {
            return ModelFiles.load(Path.of(location));
        }
        Path dir = materialise(location);
        try {
            return ModelFiles.load(dir);
        } finally {
            deleteCopy(dir);
        }
    }

    /** The metadata of the model at {@code location}. */
    public static ModelMetadata metadata(String location) throws ModelFileException {
        if (!location.startsWith(CLASSPATH)) {
            return ModelFiles.readMetadata(Path.of(location));
        }
        Path dir = materialise(location);
        try {
            return ModelFiles.readMetadata(dir);
        } finally {
            deleteCopy(dir);
        }
    }

    /** Copies a bundled model's files into a new temporary directory. */
    static Path materialise(String location) throws ModelFileException {
        String resource = location.substring(CLASSPATH.length()).replaceAll("/+$", "");
        Path dir;
        try {
            dir = Files.createTempDirectory("massmap-model-");
        } catch (IOException e) {
            throw new ModelFileException(Path.of(resource), "cannot create a temporary directory for the bundled model", e);
        }
        for (String name : new String[] {ModelFiles.METADATA, ModelFiles.WEIGHTS}) {
            try (InputStream in = ModelSources.class.getClassLoader().getResourceAsStream(resource + "/" + name)) {
                if (in == null) {
                    deleteCopy(dir);
                    throw new ModelFileException(Path.of(resource, name), "no such bundled model file on the classpath;"
                            + " give a model directory instead (sampler.model)");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteCopy(dir);
                if (e instanceof ModelFileException m) {
                    throw m;
                }
                throw new ModelFileException(Path.of(resource, name), "cannot copy the bundled model file", e);
            }
        }
        return dir;
    }

    private static void deleteCopy(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(ModelFiles.METADATA));
            Files.deleteIfExists(dir.resolve(ModelFiles.WEIGHTS));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ModelSources.class).warn("could not delete the temporary model copy {}: {}", dir, e.toString());
        }
    }
}
