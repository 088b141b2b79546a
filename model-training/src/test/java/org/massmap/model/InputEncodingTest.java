package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputEncodingTest {

    @Test
    void theLinearEncodingScalesBothMapChannelsAndCarriesLogSigma() {
        InputEncoding e = new InputEncoding(0.03);
        double sigma = 0.04;
        float[] dst = new float[2 * NetworkConfig.INPUT_CHANNELS];
        e.encode(new double[] {0.1, -0.2}, new double[] {5, -7}, sigma, dst, 0);
        double c = 1 / Math.sqrt(0.03 * 0.03 + sigma * sigma);
        assertEquals(c * 0.1, dst[0], 1e-6);
        assertEquals(c * sigma * sigma * 5, dst[1], 1e-6);
        assertEquals(Math.log(sigma), dst[2], 1e-6);
        assertEquals(c * -0.2, dst[3], 1e-6);
    }

    @Test
    void compressionIsLinearNearZeroOddMonotonicAndLogarithmicFarOut() {
        InputEncoding e = new InputEncoding(0.03, 2);
        assertEquals(0.01, e.compress(0.01), 1e-7, "slope one at zero");
        assertEquals(-e.compress(3.7), e.compress(-3.7), 1e-15, "odd");
        double previous = Double.NEGATIVE_INFINITY;
        for (double v = -50; v <= 50; v += 0.25) {
            double c = e.compress(v);
            assertTrue(c > previous, "monotonic at " + v);
            previous = c;
        }
        // a·asinh(v/a) = a·ln(2v/a) + O((a/v)²) far out: ten times the input adds only a·ln 10
        assertEquals(2 * Math.log(10), e.compress(1000) - e.compress(100), 1e-3);
        assertEquals(2 * Math.log(1 + Math.sqrt(2)), e.compress(2), 1e-12, "a·asinh(1) at v = a");
        assertEquals(123.0, new InputEncoding(0.03, 0).compress(123.0), 0.0, "a = 0 is the identity");
    }

    @Test
    void badParametersAreRefusedNamingTheSetting() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new InputEncoding(0.03, -1));
        assertTrue(ex.getMessage().contains("training.input-compression"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InputEncoding(0, 1));
    }
}
