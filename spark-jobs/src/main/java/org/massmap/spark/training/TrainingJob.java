package org.massmap.spark.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.massmap.model.ModelFiles;
import org.massmap.training.TrainingSetup;

/**
 * The small descriptor shipped to executors: a job id, the {@link TrainingSetup} as JSON and the
 * factory of the training maps. Executors build their model from it (see {@link ExecutorTrainers}).
 */
final class TrainingJob implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String setupJson;
    private final MapsFactory maps;

    TrainingJob(String id, TrainingSetup setup, MapsFactory maps) {
        this.id = id;
        try {
            this.setupJson = ModelFiles.json().writeValueAsString(setup);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode the training setup as JSON: " + e.getMessage(), e);
        }
        this.maps = maps;
    }

    String id() {
        return id;
    }

    TrainingSetup setup() {
        try {
            return ModelFiles.json().readValue(setupJson, TrainingSetup.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the training setup of job " + id, e);
        }
    }

    MapsFactory maps() {
        return maps;
    }
}
