package org.massmap.training;

import java.time.Duration;

/**
 * A progress report, for a CLI progress line.
 *
 * @param step           steps completed
 * @param totalSteps     steps of the run
 * @param loss           loss of the last step
 * @param meanLoss       mean loss since the previous report
 * @param learningRate   learning rate of the last step
 * @param stepsPerSecond throughput since the previous report
 * @param eta            estimated time to the end at that throughput
 */
public record TrainingProgress(long step, long totalSteps, double loss, double meanLoss, double learningRate,
                               double stepsPerSecond, Duration eta) { }
