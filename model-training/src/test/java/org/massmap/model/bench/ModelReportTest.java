package org.massmap.model.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.config.ConfigLoader;
import org.massmap.config.Settings;
import org.massmap.model.Activation;
import org.massmap.model.InputEncoding;
import org.massmap.model.ModelMetadata;
import org.massmap.model.NetworkConfig;
import org.massmap.model.NetworkWeights;
import org.massmap.model.ParameterLayout;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.model.ResidualWindow;
import org.massmap.model.ResidualScaling;
import org.massmap.model.ScoreModel;
import org.massmap.model.SigmaDistribution;
import org.massmap.model.TrainingSummary;

/** The model report and the throughput table with a tiny untrained network (zero residual) on tiny tiles. */
class ModelReportTest {
    private static final NetworkConfig NET = new NetworkConfig(List.of(4, 8, 8), 1, Activation.RELU);
    private static final PowerSpectrumTable CL = new PowerSpectrumTable(new double[] {100, 1000, 10000, 100000},
            new double[] {1e-8, 3e-10, 1e-11, 1e-13}, "test spectrum");

    private static ScoreModel model() {
        ParameterLayout layout = ParameterLayout.of(NET);
        NetworkWeights w = new NetworkWeights(layout.initialParameters(1), layout.initialBnStats());
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", "2024-01-01T00:00:00Z", NET,
                new InputEncoding(0.02), 1.0, 16, 16, CL, SigmaDistribution.reference(),
                new TrainingSummary(10, 4, 16, 1, 0.5, 0.4, 0.45), w.sha256(), ResidualWindow.NONE, null, null);
        return new ScoreModel(meta, w);
    }

    private static Settings settings() {
        return new Settings(ConfigLoader.load(null, Map.of("map.size", "16", "sampler.levels", "3", "sampler.steps-per-level", "2",
                "sampler.final-steps", "2")));
    }

    @Test
    @org.massmap.testing.SlowTest
    void reportHasEverySection() throws Exception {
        StringWriter text = new StringWriter();
        ModelReport.write(new PrintWriter(text, true), settings(), model(), 4, 2, 5);
        String md = text.toString();
        for (String part : new String[] {"Model: ", "**Held-out denoising score matching loss** (4 fresh simulated maps per σ",
            "| σ | Wiener (Gaussian score) | hybrid score |", "**Path independence of Δlog p**", "**Prior-only samples** (2 chains each", "| ℓ | hybrid / simulations |",
            "Skewness per map: simulations", "| smoothing | threshold | σ_ref |", "**Posterior samples of a mock tile**",
            "| gaussian | ", "| hybrid | "}) {
            assertTrue(md.contains(part), "lacks " + part + ":\n" + md);
        }
    }

    @Test
    void throughputHasOneRowPerPrior() throws Exception {
        StringWriter text = new StringWriter();
        SamplerThroughput.write(new PrintWriter(text, true), settings(), model(), 16, 1, 2);
        List<String> rows = text.toString().lines().filter(l -> l.contains("16² at 1.00′")).toList();
        assertEquals(2, rows.size(), text.toString());
        assertTrue(rows.get(0).startsWith("| gaussian |") && rows.get(1).startsWith("| hybrid |"), text.toString());
        List<String> parts = text.toString().lines().filter(l -> l.startsWith("| likelihood gradient") || l.startsWith("| posterior score")).toList();
        assertEquals(3, parts.size(), "the breakdown names the likelihood and both posterior scores:\n" + text);
    }
}
