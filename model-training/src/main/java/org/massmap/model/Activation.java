package org.massmap.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Point-wise non-linearity used after every batch normalisation of the score network. RELU is the
 * fastest on CPU (oneDNN); SILU (x·sigmoid x) gives a smooth score at about 1.5× the forward time
 * of RELU at 360² (measured, see {@code NetworkBenchmark}).
 */
public enum Activation {
    /** max(x, 0). */
    RELU,
    /** max(x, 0.1·x). */
    LEAKY_RELU,
    /** x·sigmoid(x), a.k.a. swish. */
    SILU,
    /** x for x > 0, exp(x) − 1 otherwise. */
    ELU;

    SDVariable apply(SameDiff sd, SDVariable x) {
        return switch (this) {
            case RELU -> sd.nn().relu(x, 0.0);
            case LEAKY_RELU -> sd.nn().leakyRelu(x, 0.1);
            case SILU -> sd.nn().swish(x);
            case ELU -> sd.nn().elu(x);
        };
    }
}
