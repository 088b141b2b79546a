package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.config.ConfigLoader;
import org.massmap.config.Setting;
import org.massmap.config.SettingException;
import org.massmap.config.SettingRegistry;
import org.massmap.config.Settings;
import org.massmap.model.Activation;
import org.massmap.model.SigmaDistribution;

/** Section {@code training} read once, with the defaults of conf/massmap.conf and nowhere else. */
class TrainingSettingsTest {

    @Test
    void theDefaultsAreConfsAndTheBuilderStartsFromThem() {
        Config conf = ConfigLoader.defaults();
        TrainingSettings t = TrainingSettings.defaults();
        TrainingConfig c = t.training();
        assertEquals(conf.getInt("training.steps"), c.steps());
        assertEquals(conf.getInt("training.batch-size"), c.batchSize());
        assertEquals(conf.getInt("training.crop-size"), c.cropSize());
        assertEquals(conf.getInt("training.checkpoint-every"), c.checkpointEvery());
        assertEquals(conf.getInt("training.validation-maps"), c.validationMaps());
        assertEquals(conf.getInt("training.warmup-steps"), c.learningRate().warmupSteps());
        assertEquals(conf.getDouble("training.learning-rate"), c.learningRate().peak());
        assertEquals(conf.getDouble("training.sigma.lo"), c.sigma().lo());
        assertEquals(conf.getDouble("training.sigma.hi"), c.sigma().hi());
        assertEquals(conf.getIntList("training.channels"), t.network().channels());
        assertEquals(conf.getDouble("training.residual-high-pass-ell"), t.residualWindow().ell());
        assertEquals(TrainingSettings.MapsSource.SIMULATED, t.maps().source());
        assertEquals(conf.getInt("training.spark.steps-per-round"), t.spark().stepsPerRound());
        assertEquals(c, TrainingConfig.builder().build(), "the builder's defaults are the configuration's");
        assertEquals(2 * c.steps(), TrainingConfig.builder().steps(2 * c.steps()).build().steps());
    }

    @Test
    void overridesAndBadValuesAreSettingsErrors() {
        TrainingSettings t = TrainingSettings.from(new Settings(ConfigLoader.load(null, Map.of("training.maps.source", "files",
                "training.maps.files", "[\"a.fits\", \"b.fits\"]", "training.activation", "silu", "training.steps", "12"))));
        assertEquals(TrainingSettings.MapsSource.FILES, t.maps().source());
        assertEquals(List.of("a.fits", "b.fits"), t.maps().files());
        assertEquals(Activation.SILU, t.network().activation());
        assertEquals(12, t.training().steps());
        SettingException e = assertThrows(SettingException.class, () -> TrainingSettings.from(new Settings(
                ConfigLoader.load(null, Map.of("training.sigma.lo", "0.5", "training.sigma.hi", "0.2")))));
        assertTrue(e.getMessage().contains("training.sigma"), e.getMessage());
    }

    @Test
    void theDeclaredChoicesAreTheEnumsConstants() {
        assertEquals(names(Activation.class), choices("training.activation"));
        assertEquals(names(SigmaDistribution.Kind.class), choices("training.sigma.kind"));
        assertEquals(names(TrainingSettings.MapsSource.class), choices("training.maps.source"));
    }

    private static List<String> choices(String key) {
        return SettingRegistry.find(key).orElseThrow().choices();
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> Setting.choiceName((Enum<?>) e)).toList();
    }
}
