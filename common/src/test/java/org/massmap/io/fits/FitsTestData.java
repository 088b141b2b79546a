package org.massmap.io.fits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.Checksums;

/** Shared fixtures for the FITS tests (and the figure tests, for noise maps). */
public final class FitsTestData {

    static final Provenance PROVENANCE = Provenance.of("0.1.0-test", Instant.parse("2026-01-02T03:04:05Z"))
            .withSeed(1234567890123L)
            .withConfigChecksum(Checksums.sha256("config"))
            .withModelChecksum(Checksums.sha256("model"));

    private FitsTestData() {
    }

    static TileGrid grid(int nx, int ny) {
        return new TileGrid(nx, ny, 0.5 * TileGrid.ARCMIN, new SkyPoint(150.1, 2.2));
    }

    /** Values exactly representable as floats, distinct per pixel. */
    static double[] ramp(int n, double offset) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = offset + i * 0.25;
        }
        return v;
    }

    public static double[] gaussian(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.05 * rng.nextGaussian()); // float-exact so round trips compare exactly
        }
        return v;
    }

    /** Copies {@code source} to {@code target} keeping only its first {@code bytes} bytes. */
    static Path truncated(Path source, Path target, long bytes) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, Arrays.copyOf(all, (int) bytes));
        return target;
    }
}
