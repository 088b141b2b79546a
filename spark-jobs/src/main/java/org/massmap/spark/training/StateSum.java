package org.massmap.spark.training;

import java.io.Serializable;

/**
 * A running sum of replica state vectors (see {@link org.massmap.training.TrainingState#toVector()})
 * with their training losses, merged by treeAggregate. The zero value is empty and sized on the
 * first merge, so it costs nothing to ship.
 */
final class StateSum implements Serializable {
    private static final long serialVersionUID = 1L;

    double[] sum;
    double lossSum;
    int replicas;
    double maxTrainSeconds;

    static StateSum of(double[] vector, double loss, double trainSeconds) {
        StateSum s = new StateSum();
        s.sum = vector;
        s.lossSum = loss;
        s.replicas = 1;
        s.maxTrainSeconds = trainSeconds;
        return s;
    }

    /** Adds other into this (in place) and returns this. */
    StateSum merge(StateSum other) {
        if (other.sum == null) {
            return this;
        }
        if (sum == null) {
            sum = other.sum.clone();
        } else {
            if (sum.length != other.sum.length) {
                throw new IllegalStateException("replica states differ in length: " + sum.length + " vs " + other.sum.length);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.sum[i];
            }
        }
        lossSum += other.lossSum;
        replicas += other.replicas;
        maxTrainSeconds = Math.max(maxTrainSeconds, other.maxTrainSeconds);
        return this;
    }
}
