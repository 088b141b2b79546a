package org.massmap.spark.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.massmap.model.ModelFileException;
import org.massmap.model.ModelFiles;
import org.massmap.model.ModelMetadata;
import org.massmap.model.ModelSources;
import org.massmap.model.ScoreModel;

/**
 * Loads a score model from a bundled location ({@code classpath:...}), a local directory, or a
 * directory on any Hadoop file system (copied to a local temporary directory first).
 */
public final class ModelFetch {
    private ModelFetch() {
    }

    public static ScoreModel load(String location, Configuration conf) throws ModelFileException {
        if (isLocal(location)) {
            return ModelSources.load(localPath(location));
        }
        java.nio.file.Path dir = copy(location, conf);
        try {
            return ModelFiles.load(dir);
        } finally {
            deleteQuietly(dir);
        }
    }

    public static ModelMetadata metadata(String location, Configuration conf) throws ModelFileException {
        if (isLocal(location)) {
            return ModelSources.metadata(localPath(location));
        }
        java.nio.file.Path dir = copy(location, conf);
        try {
            return ModelFiles.readMetadata(dir);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static boolean isLocal(String location) {
        return location.startsWith("classpath:") || location.startsWith("file:") || !location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    private static String localPath(String location) {
        return location.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(location)).toString() : location;
    }

    private static java.nio.file.Path copy(String location, Configuration conf) throws ModelFileException {
        java.nio.file.Path dir;
        try {
            dir = Files.createTempDirectory("massmap-model-");
        } catch (IOException e) {
            throw new ModelFileException(java.nio.file.Path.of(location), "cannot create a local directory for the model", e);
        }
        for (String name : new String[] {ModelFiles.METADATA, ModelFiles.WEIGHTS}) {
            Path p = new Path(location, name);
            try {
                FileSystem fs = p.getFileSystem(conf);
                try (InputStream in = fs.open(p)) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                deleteQuietly(dir);
                throw new ModelFileException(java.nio.file.Path.of(location, name), "cannot read the model file: " + e.getMessage(), e);
            }
        }
        return dir;
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(ModelFiles.METADATA));
            Files.deleteIfExists(dir.resolve(ModelFiles.WEIGHTS));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ModelFetch.class).warn("could not delete the temporary model copy {}: {}", dir, e.toString());
        }
    }
}
