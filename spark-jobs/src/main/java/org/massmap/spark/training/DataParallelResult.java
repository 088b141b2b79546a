package org.massmap.spark.training;

import java.util.List;
import org.massmap.model.ScoreModel;

/**
 * The outcome of a data-parallel run: the averaged model (with metadata, ready to save) and the
 * per-round statistics (loss, bytes, time).
 */
public record DataParallelResult(ScoreModel model, List<RoundStats> rounds) {
    public DataParallelResult {
        rounds = List.copyOf(rounds);
    }
}
