package org.massmap.model;

import java.util.Random;

/** Helpers for network tests: weights with a non-zero output layer, random inputs. */
final class TestNets {
    private TestNets() {
    }

    /** Initial weights with the (normally zero) output convolution randomised, so outputs are not all 0. */
    static float[] randomisedParameters(ParameterLayout layout, long seed) {
        float[] p = layout.initialParameters(seed);
        Random rng = new Random(seed + 1);
        for (ParameterLayout.Entry e : layout.entries()) {
            if (e.name().startsWith("out/") || e.name().endsWith("/beta")) {
                for (int i = e.offset(); i < e.offset() + e.length(); i++) {
                    p[i] = (float) (0.3 * rng.nextGaussian());
                }
            }
        }
        return p;
    }

    /** Running statistics with random (positive) variances and means. */
    static float[] randomBnStats(ParameterLayout layout, long seed) {
        Random rng = new Random(seed);
        float[] s = layout.initialBnStats();
        int o = 0;
        for (int c : layout.bnChannels()) {
            for (int i = 0; i < c; i++) {
                s[o + i] = (float) (0.2 * rng.nextGaussian());
                s[o + c + i] = (float) (0.5 + rng.nextDouble());
            }
            o += 2 * c;
        }
        return s;
    }

    static float[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
