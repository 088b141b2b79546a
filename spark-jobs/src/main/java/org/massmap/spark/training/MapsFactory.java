package org.massmap.spark.training;

import java.io.Serializable;
import org.massmap.training.TrainingMaps;

/**
 * Creates the training-map source on an executor (a simulator configuration, or a list of file
 * paths): a small serialisable descriptor is shipped, never the maps themselves. Called once per
 * executor JVM and job.
 */
@FunctionalInterface
public interface MapsFactory extends Serializable {
    TrainingMaps create();
}
