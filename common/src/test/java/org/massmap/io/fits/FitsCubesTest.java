package org.massmap.io.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;

class FitsCubesTest {

    @TempDir
    Path dir;

    private static double[][] samples(int depth, int size) {
        double[][] planes = new double[depth][];
        for (int k = 0; k < depth; k++) {
            planes[k] = FitsTestData.gaussian(size, 100 + k);
        }
        return planes;
    }

    @Test
    void cubeRoundTripWholeAndByPlane() throws Exception {
        TileGrid grid = FitsTestData.grid(10, 6);
        double[][] planes = samples(5, 60);
        Path file = dir.resolve("samples.fits");
        FitsCubes.write(file, "SAMPLES", "", grid, planes, FitsTestData.PROVENANCE);

        assertEquals(0, Files.size(file) % 2880, "FITS files are whole blocks");
        double[][] back = FitsCubes.readAll(file);
        assertEquals(5, back.length);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(planes[k], back[k], "plane " + k);
        }
        try (FitsCubeReader r = FitsCubeReader.open(file, "samples")) {
            assertEquals(5, r.depth());
            assertEquals(10, r.grid().nx());
            assertEquals(6, r.grid().ny());
            assertEquals(grid.pixelRad(), r.grid().pixelRad(), 1e-14 * grid.pixelRad());
            assertEquals("SAMPLES", r.name());
            assertEquals("", r.unit());
            assertArrayEquals(planes[3], r.readPlane(3));
            FitsKeywords h = r.keywords();
            assertEquals(3L, h.integer("NAXIS").orElseThrow());
            assertEquals(5L, h.integer("NAXIS3").orElseThrow());
            assertEquals(3L, h.integer("WCSAXES").orElseThrow());
            assertEquals("SAMPLE", h.string("CTYPE3").orElseThrow());
            assertEquals(5.5, h.number("CRPIX1").orElseThrow(), 0.0);
            assertEquals(3.5, h.number("CRPIX2").orElseThrow(), 0.0);
            assertTrue(h.number("CDELT1").orElseThrow() < 0);
            assertEquals(FitsTestData.PROVENANCE, Provenance.fromKeywords(h));
            assertThrows(IndexOutOfBoundsException.class, () -> r.readPlane(5));
        }
    }

    @Test
    void incrementalWriterWithExtraKeywords() throws Exception {
        TileGrid grid = FitsTestData.grid(8, 8);
        Path file = dir.resolve("chain.fits");
        double[][] planes = samples(3, 64);
        try (FitsCubeWriter w = FitsCubeWriter.open(file, "SAMPLES", null, grid, 3, FitsTestData.PROVENANCE,
                FitsKeywords.of(Map.of("SIGMAMIN", 1e-3)))) {
            for (double[] p : planes) {
                assertFalse(Files.exists(file), "nothing is published before commit");
                w.append(p);
            }
            w.commit();
        }
        try (FitsCubeReader r = FitsCubeReader.open(file)) {
            assertEquals(1e-3, r.keywords().number("SIGMAMIN").orElseThrow(), 0);
            assertArrayEquals(planes[2], r.readPlane(2));
            assertArrayEquals(planes[0], r.readPlane(0));
        }
    }

    @Test
    void incompleteCubeIsNotPublished() throws Exception {
        TileGrid grid = FitsTestData.grid(4, 4);
        Path file = dir.resolve("incomplete.fits");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> {
            try (FitsCubeWriter w = FitsCubeWriter.open(file, "SAMPLES", null, grid, 3, FitsTestData.PROVENANCE, FitsKeywords.empty())) {
                w.append(new double[16]);
                w.commit();
            }
        });
        assertTrue(e.getMessage().contains("only 1 of the 3"), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no partial or temporary file remains");
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (FitsCubeWriter w = FitsCubeWriter.open(file, "SAMPLES", null, grid, 1, FitsTestData.PROVENANCE, FitsKeywords.empty())) {
                w.append(new double[15]);
            }
        });
        assertFalse(Files.exists(file));
    }

    @Test
    void truncatedCubeAndMapAsCubeAreErrors() throws Exception {
        TileGrid grid = FitsTestData.grid(32, 32);
        Path file = dir.resolve("cube.fits");
        FitsCubes.write(file, "SAMPLES", null, grid, samples(4, 1024), FitsTestData.PROVENANCE);
        Path cut = FitsTestData.truncated(file, dir.resolve("cut.fits"), 2880 + 3 * 4096 + 10);
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> FitsCubeReader.open(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Path map = dir.resolve("map.fits");
        FitsMaps.write(map, FitsTestData.PROVENANCE, SkyMap.of("KAPPA", grid, new double[1024]));
        MassmapIoException notCube = assertThrows(MassmapIoException.class, () -> FitsCubeReader.open(map));
        assertTrue(notCube.getMessage().contains("NAXIS = 3"), notCube.getMessage());
    }
}
