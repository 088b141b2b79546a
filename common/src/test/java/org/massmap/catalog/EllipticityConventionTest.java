package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;

/** The eight ellipticity conventions, in memory and as column mappings; shape-noise realisations; reading a catalog whole. */
class EllipticityConventionTest {
    @TempDir
    Path dir;

    @Test
    void eightDistinctConventionsWithReadableNames() {
        List<EllipticityConvention> all = EllipticityConvention.all();
        assertEquals(8, all.size());
        assertEquals(8, new HashSet<>(all).size());
        assertEquals(4, EllipticityConvention.flipsOnly().size());
        assertTrue(EllipticityConvention.flipsOnly().stream().noneMatch(EllipticityConvention::swap));
        EllipticityConvention c = new EllipticityConvention(true, true, false);
        assertEquals("(-e2, e1)", c.label());
        assertEquals("swap columns, flip-e1", c.settings());
        assertEquals("no flip", new EllipticityConvention(false, false, false).settings());
        double[] e = new double[2];
        c.toSky(0.1, 0.2, e);
        assertArrayEquals(new double[] {-0.2, 0.1}, e, 0);
    }

    @Test
    void inMemoryConversionEqualsReadingWithTheConventionsColumnMapping() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(4, 300, new SkyPoint(150, 2), 0.5, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("cat.fits"), cat);
        ColumnMapping stored = ColumnMapping.defaults().withWeight("w");
        GalaxyChunk raw = Catalogs.readAll(f, stored);
        for (EllipticityConvention c : EllipticityConvention.all()) {
            GalaxyChunk viaMapping = Catalogs.readAll(f, c.applyTo(stored.withFlips(true, true)));
            GalaxyChunk inMemory = c.apply(raw);
            assertEquals(raw.size(), inMemory.size());
            assertArrayEquals(Arrays.copyOf(viaMapping.e1(), raw.size()), Arrays.copyOf(inMemory.e1(), raw.size()), 0, c.label());
            assertArrayEquals(Arrays.copyOf(viaMapping.e2(), raw.size()), Arrays.copyOf(inMemory.e2(), raw.size()), 0, c.label());
            assertArrayEquals(Arrays.copyOf(raw.w(), raw.size()), Arrays.copyOf(inMemory.w(), raw.size()), 0);
        }
    }

    @Test
    void readAllKeepsFileOrderAcrossChunks() throws Exception {
        int n = GalaxyChunk.DEFAULT_CAPACITY + 1234;
        Fixtures.Catalog cat = Fixtures.random(5, n, new SkyPoint(20, -40), 1.0, 0.3, true);
        GalaxyChunk all = Catalogs.readAll(Fixtures.writeFits(dir.resolve("big.fits"), cat), ColumnMapping.defaults().withWeight("w"));
        assertEquals(n, all.size());
        assertEquals(n, all.capacity());
        for (int i : new int[] {0, GalaxyChunk.DEFAULT_CAPACITY - 1, GalaxyChunk.DEFAULT_CAPACITY, n - 1}) {
            assertEquals(cat.ra()[i], all.ra()[i], 0);
            assertEquals(cat.e2()[i], all.e2()[i], 0);
            assertEquals(cat.w()[i], all.w()[i], 0);
        }
        Path empty = Fixtures.writeFits(dir.resolve("empty.fits"), new String[] {"ra", "dec", "e1", "e2"},
                new double[] {Double.NaN}, new double[] {1}, new double[] {0}, new double[] {0});
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.readAll(empty, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("empty.fits") && e.getMessage().contains("no usable galaxy"), e.getMessage());
    }

    @Test
    void randomRotationKeepsModulusPositionAndWeightAndErasesAConstantShear() {
        Fixtures.Catalog cat = Fixtures.random(6, 40_000, new SkyPoint(150, 2), 1.0, 0.25, true);
        GalaxyChunk sheared = new GalaxyChunk(cat.size());
        for (int i = 0; i < cat.size(); i++) {
            sheared.add(cat.ra()[i], cat.dec()[i], cat.e1()[i] + 0.05, cat.e2()[i] - 0.03, cat.w()[i]);
        }
        GalaxyChunk a = RandomRotation.of(sheared, new SplittableRandom(7));
        GalaxyChunk b = RandomRotation.of(sheared, new SplittableRandom(7));
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < cat.size(); i++) {
            assertEquals(Math.hypot(sheared.e1()[i], sheared.e2()[i]), Math.hypot(a.e1()[i], a.e2()[i]), 1e-15);
            assertEquals(sheared.ra()[i], a.ra()[i], 0);
            assertEquals(sheared.w()[i], a.w()[i], 0);
            assertEquals(a.e1()[i], b.e1()[i], 0, "same seed, same rotation");
            m1 += a.e1()[i] / cat.size();
            m2 += a.e2()[i] / cat.size();
        }
        double err = 0.26 / Math.sqrt(cat.size());
        assertEquals(0, m1, 4 * err, "the constant shear 0.05 is erased");
        assertEquals(0, m2, 4 * err, "the constant shear -0.03 is erased");
    }
}
