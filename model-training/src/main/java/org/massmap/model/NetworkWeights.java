package org.massmap.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The complete learned state of a score network as flat float arrays, in {@link ParameterLayout}
 * order: trainable parameters and batch-normalisation running statistics. Immutable (arrays are
 * copied in and out).
 */
public final class NetworkWeights {
    private final float[] parameters;
    private final float[] bnStats;

    public NetworkWeights(float[] parameters, float[] bnStats) {
        this.parameters = parameters.clone();
        this.bnStats = bnStats.clone();
    }

    /** Fresh weights of a layout, initialised from a seed. */
    public static NetworkWeights initial(ParameterLayout layout, long seed) {
        return new NetworkWeights(layout.initialParameters(seed), layout.initialBnStats());
    }

    public float[] parameters() {
        return parameters.clone();
    }

    public float[] bnStats() {
        return bnStats.clone();
    }

    public int parameterCount() {
        return parameters.length;
    }

    public int bnStatCount() {
        return bnStats.length;
    }

    /** Throws unless the array sizes fit the layout. */
    public void requireLayout(ParameterLayout layout) {
        if (parameters.length != layout.parameterCount() || bnStats.length != layout.bnStatCount()) {
            throw new IllegalArgumentException("weights hold " + parameters.length + " parameters and " + bnStats.length
                    + " batch-norm statistics but the network needs " + layout.parameterCount() + " and " + layout.bnStatCount());
        }
    }

    /** Little-endian float32 bytes: parameters then statistics (the payload of weights.bin). */
    byte[] payload() {
        ByteBuffer b = ByteBuffer.allocate(4 * (parameters.length + bnStats.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(parameters).put(bnStats);
        return b.array();
    }

    /** SHA-256 (hex) of {@link #payload()}. */
    public String sha256() {
        return sha256(payload());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
