package org.massmap.spark.training;

import java.io.Serializable;
import org.massmap.training.TrainingState;

/** A {@link TrainingState} in serialisable form, for broadcasting (float32: 4 bytes per value). */
final class StateBlob implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final float[] parameters;
    private final float[] bnStats;
    private final float[] adamM;
    private final float[] adamV;
    private final float[] average;

    StateBlob(TrainingState s) {
        this.step = s.step();
        this.parameters = s.parameters();
        this.bnStats = s.bnStats();
        this.adamM = s.adamM();
        this.adamV = s.adamV();
        this.average = s.average();
    }

    TrainingState toState() {
        return new TrainingState(step, parameters, bnStats, adamM, adamV, average);
    }

    long bytes() {
        return 8 + 4L * (parameters.length + bnStats.length + adamM.length + adamV.length + average.length);
    }
}
