package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BundledModelsTest {
    private static final BundledModels TWO_AT_ONE = BundledModels.of(List.of(
            new BundledModels.Entry("a", 1.0, "one"),
            new BundledModels.Entry("b", 1.0, "other"),
            new BundledModels.Entry("fine", 0.29, "cosmos")));

    @Test
    void theModelIsChosenByPixelSizeAndByNameWhereSeveralFit() {
        assertEquals("fine", TWO_AT_ONE.choose(0.29, "").name());
        assertEquals("b", TWO_AT_ONE.choose(1.0, "b").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TWO_AT_ONE.choose(1.0, ""));
        assertTrue(e.getMessage().contains("sampler.model=bundled:NAME") && e.getMessage().contains("[a, b]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TWO_AT_ONE.choose(0.5, ""));
        assertTrue(e.getMessage().contains("no bundled model was trained at 0.50 arcmin")
                && e.getMessage().contains("fine (0.29 arcmin)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TWO_AT_ONE.choose(1.0, "fine"));
        assertTrue(e.getMessage().contains("trained at 0.29 arcmin but the tiles have 1.00 arcmin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TWO_AT_ONE.choose(1.0, "nope"));
        assertTrue(e.getMessage().contains("no bundled model is named 'nope'"), e.getMessage());
    }

    @Test
    void everyRegisteredModelIsInTheJarAndTrainedAtItsStatedPixelSize() throws Exception {
        BundledModels registry = BundledModels.load();
        assertTrue(registry.entries().size() >= 1);
        for (BundledModels.Entry e : registry.entries()) {
            ModelMetadata m = ModelSources.metadata(e.location());
            assertNotNull(m);
            assertEquals(e.pixelArcmin(), m.pixelArcmin(), 1e-9, e.name());
            assertEquals(e.location(), BundledModels.locate("bundled:" + e.name(), e.pixelArcmin()));
        }
        assertEquals("/some/dir", BundledModels.locate("/some/dir", 0.29));
    }
}
