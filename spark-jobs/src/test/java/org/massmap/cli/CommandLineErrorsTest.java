package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;

/** Bad input to the map-making commands: one clear message, a non-zero exit, no partial output. */
class CommandLineErrorsTest {
    @TempDir
    static Path dir;
    static Path good;



    @BeforeAll
    static void catalog() throws Exception {
        good = dir.resolve("good.fits");
        writeCatalog(good, 4000, false, "e1");
    }

    static void writeCatalog(Path file, int n, boolean withNaN, String e1Name) throws Exception {
        Random rng = new Random(1);
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] e1 = new double[n];
        double[] e2 = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = 150 + (rng.nextDouble() - 0.5) * 0.5;
            dec[i] = 2 + (rng.nextDouble() - 0.5) * 0.5;
            e1[i] = 0.3 * rng.nextGaussian();
            e2[i] = 0.3 * rng.nextGaussian();
        }
        if (withNaN) {
            e1[3] = Double.NaN;
            ra[7] = Double.POSITIVE_INFINITY;
        }
        FitsTables.write(file, Provenance.of("test", Instant.EPOCH), FitsTable.of("GALAXIES",
                TableColumn.doubles("ra", "deg", ra), TableColumn.doubles("dec", "deg", dec),
                TableColumn.doubles(e1Name, "", e1), TableColumn.doubles("e2", "", e2)));
    }

    private static void assertFailsCleanly(CommandLineRun r, Path out, String... mentions) throws Exception {
        assertFailsCleanly(Main.EXIT_FAILED, r, out, mentions);
    }

    private static void assertFailsCleanly(int code, CommandLineRun r, Path out, String... mentions) throws Exception {
        assertEquals(code, r.code(), r.out() + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "stderr should mention '" + m + "': " + r.err());
        }
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(Files.exists(out), "no output may be left behind");
        try (Stream<Path> s = Files.list(out.toAbsolutePath().getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(out.getFileName() + ".tmp")), "no temp dir left");
        }
    }

    @Test
    void ctrlCInterruptsTheCommandAndWaitsForItToReport() throws Exception {
        java.util.concurrent.CountDownLatch returned = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread command = new Thread(() -> {
            try {
                Thread.sleep(60_000); // a command waiting for its Spark job or its chains
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            try {
                Thread.sleep(300); // reporting "interrupted"
            } catch (InterruptedException e) {
                // the test fails below
            }
            returned.countDown();
        });
        command.start();
        long t0 = System.nanoTime();
        Main.interruptHook(command, returned).run();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertTrue(interrupted.get(), "the command's thread is interrupted");
        assertEquals(0, returned.getCount(), "the hook returns once the command has returned");
        assertTrue(seconds >= 0.25 && seconds < Main.REPORT_WAIT_SECONDS, seconds + " s");
        command.join(1000);
    }

    @Test
    void goodCatalogWritesEveryFile() throws Exception {
        Path out = dir.resolve("ok");
        CommandLineRun r = CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--size", "16", "--pixel-arcmin", "2");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"kappa_ks_e.fits", "kappa_ks_b.fits", "shear.fits", "noise.fits", "mask.fits", "kappa_ks_e.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void missingFile() throws Exception {
        Path out = dir.resolve("o1");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", dir.resolve("nope.fits").toString(), "--out", out.toString()), out, "nope.fits");
    }

    @Test
    void nonFitsFile() throws Exception {
        Path bad = dir.resolve("garbage.fits");
        Files.write(bad, "this is not a FITS file at all, just text".repeat(100).getBytes());
        Path out = dir.resolve("o2");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", bad.toString(), "--out", out.toString()), out, "garbage.fits");
    }

    @Test
    void truncatedFits() throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("truncated.fits");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("o3");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", cut.toString(), "--out", out.toString()), out, "truncated.fits");
    }

    @Test
    void missingColumn() throws Exception {
        Path f = dir.resolve("noe1.fits");
        writeCatalog(f, 100, false, "g1");
        Path out = dir.resolve("o4");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", f.toString(), "--out", out.toString()), out, "noe1.fits", "e1");
    }

    @Test
    void nanRowsAreDroppedCountedAndReported() throws Exception {
        Path f = dir.resolve("nan.fits");
        writeCatalog(f, 2000, true, "e1");
        Path out = dir.resolve("o5");
        CommandLineRun r = CommandLineRun.of("ks", "--catalog", f.toString(), "--out", out.toString(), "--size", "16", "--pixel-arcmin", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 rows dropped for NaN/inf"), r.out());
    }

    @Test
    void emptyCatalog() throws Exception {
        Path f = dir.resolve("empty.fits");
        writeCatalog(f, 0, false, "e1");
        Path out = dir.resolve("o6");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", f.toString(), "--out", out.toString()), out, "empty.fits");
    }

    @Test
    void catalogMissingTheTile() throws Exception {
        Path out = dir.resolve("o7");
        assertFailsCleanly(CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--center", "10,-40"), out, "good.fits");
    }

    @Test
    void negativePixelSize() throws Exception {
        Path out = dir.resolve("o8");
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--pixel-arcmin", "-1"), out,
                "map.pixel-arcmin");
    }

    @Test
    void badConfigValueAndUnknownOption() throws Exception {
        Path out = dir.resolve("o9");
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--set", "map.shear-model=sheer"), out,
                "map.shear-model");
        CommandLineRun r = CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--no-such-option");
        assertEquals(Main.EXIT_USAGE, r.code());
    }

    @Test
    void samplerRejectsTooFewChainsAndInvertedSigmas() throws Exception {
        Path out = dir.resolve("o10");
        // values out of range are usage errors (exit 2), like unknown options
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("sample", "--catalog", good.toString(), "--out", out.toString(), "--chains", "1"), out,
                "sampler.chains");
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("sample", "--catalog", good.toString(), "--out", out.toString(), "--set",
                "sampler.sigma-min=0.5", "--set", "sampler.sigma-max=0.1"), out, "sigma-min");
    }

    @Test
    void convergenceStudyRefusesBadFactorsBeforeAnyWork() throws Exception {
        Path out = dir.resolve("o11");
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("study", "--convergence", "--no-hybrid", "--out", out.toString(),
                "--factors", "3,1"), out, "--factors", "ascending");
        assertFailsCleanly(Main.EXIT_USAGE, CommandLineRun.of("study", "--convergence", "--no-hybrid", "--out", out.toString(),
                "--final-steps", "2"), out, "--final-steps");
    }

    @Test
    void helpListsCommandsAndDefaults() {
        CommandLineRun r = CommandLineRun.of("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"ks", "wiener", "sample", "simulate", "theory", "validate"}) {
            assertTrue(r.out().contains(c), c);
        }
        CommandLineRun ks = CommandLineRun.of("ks", "--help");
        assertTrue(ks.out().contains("(default 64)"), ks.out());
    }
    @Test
    void aCorruptModelIsRefusedOnTheDriverBeforeAnySparkWork() throws Exception {
        Path model = BundledModelCopy.of("demo", dir.resolve("corrupt-model"));
        byte[] w = Files.readAllBytes(model.resolve("weights.bin"));
        w[w.length - 3] ^= 0x5a; // one flipped byte in the last parameter: same size, wrong checksum
        Files.write(model.resolve("weights.bin"), w);
        double pixel = org.massmap.model.ModelFiles.readMetadata(model).pixelArcmin();
        Path out = dir.resolve("o-model");
        CommandLineRun r = CommandLineRun.of("sample", "--catalog", good.toString(), "--out", out.toString(), "--prior", "hybrid", "--model", model.toString(),
                "--chains", "2", "--set", "map.size=32", "--set", "map.pixel-arcmin=" + pixel, "--set", "sampler.levels=2");
        assertFailsCleanly(r, out, "weights.bin", "SHA-256", "does not match");
        assertFalse(r.out().contains("Spark "), "refused before Spark starts: " + r.out());
    }
    @Test
    void aTileTooLargeForMemoryIsRefusedWithAnEstimateBeforeWork() throws Exception {
        for (String command : new String[] {"sample", "ks"}) {
            Path out = dir.resolve("o-huge-" + command);
            CommandLineRun r = CommandLineRun.of(command, "--catalog", good.toString(), "--out", out.toString(), "--size", "16384", "--pixel-arcmin", "0.05",
                    "--set", "sampler.chains=2", "--set", "sampler.prior=gaussian");
            assertFailsCleanly(r, out, "GB", "map.size");
            assertFalse(r.err().contains("OutOfMemoryError"), r.err());
        }
    }

    @Test
    void ellipticitiesInPercentAreWarnedAbout() throws Exception {
        Path percent = dir.resolve("percent.fits");
        double[][] g = org.massmap.spark.io.TestCatalogs.readAll(org.massmap.catalog.Catalogs.open(good,
                org.massmap.catalog.ColumnMapping.defaults()));
        for (int i = 0; i < g[0].length; i++) {
            g[2][i] *= 100;
            g[3][i] *= 100;
        }
        FitsTables.write(percent, Provenance.of("test", Instant.EPOCH), FitsTable.of("GALAXIES",
                TableColumn.doubles("ra", "deg", g[0]), TableColumn.doubles("dec", "deg", g[1]),
                TableColumn.doubles("e1", "", g[2]), TableColumn.doubles("e2", "", g[3])));
        CommandLineRun r = CommandLineRun.of("ks", "--catalog", percent.toString(), "--out", dir.resolve("o-percent").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("warning: the measured shape noise") && r.out().contains("percent"), r.out());
        CommandLineRun plain = CommandLineRun.of("ks", "--catalog", good.toString(), "--out", dir.resolve("o-plain").toString());
        assertFalse(plain.out().contains("percent"), plain.out());
    }

    @Test
    void aMalformedModelJsonIsOneShortMessage() throws Exception {
        Path model = dir.resolve("malformed-model");
        Files.createDirectories(model);
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("massmap/models/demo/weights.bin")) {
            Files.copy(in, model.resolve("weights.bin"));
        }
        Files.writeString(model.resolve("model.json"), "{\n  \"formatVersion\": 1,\n  oops\n" + "  \"padding\": 0,\n".repeat(30) + "}\n");
        Path out = dir.resolve("o-malformed");
        CommandLineRun r = CommandLineRun.of("sample", "--catalog", good.toString(), "--out", out.toString(), "--prior", "hybrid", "--model", model.toString());
        assertFailsCleanly(r, out, "model.json", "line 3");
        assertTrue(r.err().strip().lines().count() <= 2, "one short message, not the file: " + r.err());
    }

    @Test
    void aBadTypeInAConfFileNamesTheKeyNotAnOption() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad-type.conf"), "map { pixel-arcmin = \"half\" }\n");
        Path out = dir.resolve("o-conf");
        CommandLineRun r = CommandLineRun.of("ks", "--catalog", good.toString(), "--out", out.toString(), "--conf", conf.toString());
        assertTrue(r.code() == Main.EXIT_USAGE && r.err().contains("map.pixel-arcmin"), r.err());
        assertFalse(r.err().contains("--pixel-arcmin"), "the user never typed --pixel-arcmin: " + r.err());
    }
}
