package org.massmap.catalog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Throughput harness for catalog reading and binning (plain main, not a JUnit test, not JMH).
 * Generates {@code --galaxies} galaxies (default 10⁶) over a 256×256 tile of 0.5′ pixels at
 * Dec −30, times binning from memory, then writes them (with three extra columns, 56 bytes a row)
 * as a FITS binary table and times reading alone and reading + binning; {@code --csv} adds a CSV
 * pass. Each timing is the median of five runs after one warm-up; the file is read from the page
 * cache. {@code --file F} keeps the FITS file at F (reused if present), {@code --read-only} skips
 * generation and the in-memory pass (to check streaming under a small -Xmx).
 *
 * <pre>
 * mvn -q -pl common test-compile dependency:build-classpath -Dmdep.outputFile=.classpath.txt -DincludeScope=test
 * java -Xmx2g -cp common/target/classes:common/target/test-classes:$(cat common/.classpath.txt) \
 *      org.massmap.catalog.BinningBenchmark --galaxies 1000000
 * java -Xmx48m -cp ... org.massmap.catalog.BinningBenchmark --file big.fits --read-only   # streaming check
 * </pre>
 */
public final class BinningBenchmark {
    private static final int RUNS = 5;

    private BinningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int galaxies = 1_000_000;
        Path file = null;
        boolean csv = false;
        boolean readOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--galaxies" -> galaxies = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--csv" -> csv = true;
                case "--read-only" -> readOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --galaxies N, --file F, --csv, --read-only");
            }
        }
        TileGrid grid = TileGrid.square(256, 0.5, new SkyPoint(52.0, -30.0));
        ShearBinner binner = new ShearBinner(grid);
        ColumnMapping cols = ColumnMapping.defaults().withWeight("w");
        System.out.printf(Locale.ROOT, "grid %s, max heap %d MB, %d cores%n", grid,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        Path fits = file != null ? file : Files.createTempFile("massmap-bench", ".fits");
        if (!readOnly) {
            // Slightly wider than the tile, so that a few percent fall outside.
            Fixtures.Catalog cat = Fixtures.random(1, galaxies, grid.centre(), grid.nx() * grid.pixelDeg() * 1.05, 0.27, true);
            java.util.List<GalaxyChunk> chunks = new java.util.ArrayList<>();
            for (int from = 0; from < cat.size(); from += GalaxyChunk.DEFAULT_CAPACITY) {
                chunks.add(cat.chunk(from, Math.min(cat.size(), from + GalaxyChunk.DEFAULT_CAPACITY)));
            }
            double memory = median(() -> {
                ShearAccumulator acc = binner.newAccumulator();
                for (GalaxyChunk chunk : chunks) {
                    binner.accumulate(chunk, acc);
                }
                return acc.used() + acc.outside();
            });
            report("bin from memory (filled chunks)", galaxies, memory);
            if (file == null || !Files.exists(file)) {
                long t0 = System.nanoTime();
                write(fits, cat);
                System.out.printf(Locale.ROOT, "wrote %s: %d MB in %.2f s%n", fits, Files.size(fits) >> 20, (System.nanoTime() - t0) / 1e9);
            }
            if (csv) {
                Path csvFile = Files.createTempFile("massmap-bench", ".csv");
                Fixtures.writeCsv(csvFile, cat);
                double t = median(() -> Catalogs.bin(csvFile, cols, grid, ShapeNoise.measured()).galaxiesUsed());
                report("read CSV + bin", galaxies, t);
                Files.delete(csvFile);
            }
        }
        long rows = FitsCatalogReader.rowCount(fits, cols);
        System.out.printf(Locale.ROOT, "%s: %d rows, %d MB%n", fits, rows, Files.size(fits) >> 20);
        double read = median(() -> {
            long n = 0;
            try (FitsCatalogReader r = FitsCatalogReader.open(fits, cols)) {
                GalaxyChunk chunk = new GalaxyChunk();
                while (r.next(chunk)) {
                    n += chunk.size();
                }
            }
            if (n != rows) {
                throw new IllegalStateException("read " + n + " of " + rows + " rows");
            }
            return n;
        });
        report("read FITS only", rows, read);
        double both = median(() -> Catalogs.bin(fits, cols, grid, ShapeNoise.measured()).galaxiesUsed());
        report("read FITS + bin + finish", rows, both);
        System.out.printf(Locale.ROOT, "peak heap used %d MB%n", peakHeapMb());
        if (file == null) {
            Files.delete(fits);
        }
    }

    private interface Task {
        long run() throws Exception;
    }

    private static double median(Task task) throws Exception {
        double[] t = new double[RUNS];
        task.run();
        for (int k = 0; k < RUNS; k++) {
            long t0 = System.nanoTime();
            task.run();
            t[k] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[RUNS / 2];
    }

    private static void report(String what, long galaxies, double seconds) {
        System.out.printf(Locale.ROOT, "%-36s %8.3f s  %6.2f M galaxies/s%n", what, seconds, galaxies / seconds / 1e6);
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static void write(Path file, Fixtures.Catalog cat) throws IOException, FitsException {
        int n = cat.size();
        long[] id = new long[n];
        float[] mag = new float[n];
        float[] z = new float[n];
        Random rng = new Random(2);
        for (int i = 0; i < n; i++) {
            id[i] = i;
            mag[i] = (float) (20 + 5 * rng.nextDouble());
            z[i] = (float) (2 * rng.nextDouble());
        }
        BinaryTableHDU hdu = Fixtures.table(new String[] {"ID", "RA", "DEC", "MAG", "E1", "E2", "W", "Z"},
                id, cat.ra(), cat.dec(), mag, cat.e1(), cat.e2(), cat.w(), z);
        try (Fits out = new Fits()) {
            out.addHDU(hdu);
            out.write(file.toFile());
        }
    }
}
