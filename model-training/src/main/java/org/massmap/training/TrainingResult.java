package org.massmap.training;

import java.util.List;
import org.massmap.model.ScoreModel;

/**
 * The outcome of {@link Trainer#run}: the trained model (with metadata, ready for
 * {@link org.massmap.model.ModelFiles#save}) and the per-step loss history of the whole run,
 * including steps before a resume.
 *
 * @param model   the trained model
 * @param history one entry per step
 * @param seconds wall time of this call
 */
public record TrainingResult(ScoreModel model, List<LossPoint> history, double seconds) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}
