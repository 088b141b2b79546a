package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsCubes;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.Provenance;

/** User training maps from FITS images and cubes: every plane is a map, mean removed, shapes checked. */
class FitsTrainingMapsTest {
    static final Provenance PROV = Provenance.of("test", Instant.EPOCH);

    @Test
    void imagesAndCubesAreReadAsZeroMeanMaps(@TempDir Path dir) throws Exception {
        TileGrid g = TileGrid.square(16, 0.5, new SkyPoint(10, 20));
        double[] image = new double[g.size()];
        java.util.Arrays.fill(image, 3.0);
        image[5] = 4.0;
        Path img = dir.resolve("one.fits");
        FitsMaps.write(img, PROV, SkyMap.of("KAPPA", g, image));
        Path cube = dir.resolve("two.fits");
        FitsCubes.write(cube, "KAPPA", null, g, new double[][] {image, image}, PROV);
        FitsTrainingMaps maps = new FitsTrainingMaps(List.of(img, cube));
        assertEquals(3, maps.size());
        assertEquals(16, maps.nx());
        assertEquals(0.5, maps.pixelArcmin(), 1e-9);
        double[] m = maps.next(new Random(1));
        double mean = 0;
        for (double v : m) {
            mean += v / m.length;
        }
        assertEquals(0.0, mean, 1e-6);
        assertEquals(1.0, m[5] - m[0], 1e-6);
    }

    @Test
    void mismatchedShapesNaNsAndBrokenFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.fits");
        FitsMaps.write(a, PROV, SkyMap.of("KAPPA", TileGrid.square(16, 0.5, new SkyPoint(0, 0)), new double[256]));
        Path b = dir.resolve("b.fits");
        FitsMaps.write(b, PROV, SkyMap.of("KAPPA", TileGrid.square(8, 0.5, new SkyPoint(0, 0)), new double[64]));
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> new FitsTrainingMaps(List.of(a, b)));
        assertTrue(e.getMessage().contains("b.fits"), e.getMessage());
        double[] nan = new double[256];
        nan[3] = Double.NaN;
        Path c = dir.resolve("c.fits");
        FitsMaps.write(c, PROV, SkyMap.of("KAPPA", TileGrid.square(16, 0.5, new SkyPoint(0, 0)), nan));
        e = assertThrows(MassmapIoException.class, () -> new FitsTrainingMaps(List.of(c)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        Path junk = dir.resolve("junk.fits");
        Files.writeString(junk, "not a FITS file");
        e = assertThrows(MassmapIoException.class, () -> new FitsTrainingMaps(List.of(junk)));
        assertTrue(e.getMessage().contains("junk.fits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FitsTrainingMaps(List.of()));
    }
}
