package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    /** Channels (32, 64, 128, 128): 3 scales (tiles a multiple of 8), one residual block per level, ReLU. */
    private static NetworkConfig wide() {
        return new NetworkConfig(List.of(32, 64, 128, 128), 1, Activation.RELU);
    }

    @Test
    void aWideArchitectureHasThreeScalesAndAboutTwoMillionParameters() {
        NetworkConfig c = wide();
        assertEquals(3, c.scales());
        assertEquals(8, c.tileMultiple());
        ParameterLayout layout = ParameterLayout.of(c);
        assertTrue(layout.parameterCount() > 1_500_000 && layout.parameterCount() < 2_500_000, "params " + layout.parameterCount());
        c.requireTileShape(360, 360); // 360 = 8·45
        c.requireTileShape(128, 256);
    }

    @Test
    void tileNotMultipleOfTwoToTheScalesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wide().requireTileShape(100, 100));
        assertTrue(e.getMessage().contains("multiples of 8"), e.getMessage());
        assertTrue(e.getMessage().contains("100x100"), e.getMessage());
    }

    @Test
    void invalidConfigurationsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(List.of(8), 1, Activation.RELU))
                .getMessage().contains("network.channels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NetworkConfig(List.of(8, 16), 0, Activation.RELU))
                .getMessage().contains("network.blocks-per-scale"));
    }

    @Test
    void layoutIsContiguousAndFlopsFollowTheConvolutionFormula() {
        NetworkConfig c = new NetworkConfig(List.of(4, 8), 1, Activation.RELU);
        ParameterLayout layout = ParameterLayout.of(c);
        int offset = 0;
        for (ParameterLayout.Entry e : layout.entries()) {
            assertEquals(offset, e.offset(), e.name());
            offset += e.length();
        }
        assertEquals(offset, layout.parameterCount());
        assertEquals(2 * layout.bnChannels().stream().mapToInt(Integer::intValue).sum(), layout.bnStatCount());
        // the stem: 3x3 conv from 3 to 4 channels on a 16x16 map = 2·256·9·3·4 FLOP
        ParameterLayout.Conv stem = layout.convs().get(0);
        assertEquals(2L * 16 * 16 * 9 * 3 * 4, stem.flops(16, 16));
        // a stride-2 convolution works at half resolution
        ParameterLayout.Conv down = layout.convs().stream().filter(k -> k.stride() == 2).findFirst().orElseThrow();
        assertEquals(2L * 8 * 8 * 9 * 4 * 8, down.flops(16, 16));
    }

    @Test
    void initialisationIsSeededAndTheOutputLayerStartsAtZero() {
        ParameterLayout layout = ParameterLayout.of(new NetworkConfig(List.of(4, 8), 1, Activation.SILU));
        float[] a = layout.initialParameters(5);
        float[] b = layout.initialParameters(5);
        assertTrue(java.util.Arrays.equals(a, b));
        ParameterLayout.Entry out = layout.entries().stream().filter(e -> e.name().equals("out/w")).findFirst().orElseThrow();
        for (int i = out.offset(); i < out.offset() + out.length(); i++) {
            assertEquals(0f, a[i]);
        }
    }
}
