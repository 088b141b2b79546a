package org.massmap.validation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.SurveyConfig;
import org.massmap.grid.TileGrid;
import org.massmap.io.AtomicFile;
import org.massmap.io.Checksums;
import org.massmap.io.JsonFiles;
import org.massmap.io.MassmapIoException;
import org.massmap.lensing.ShearModel;
import org.massmap.sim.CatalogPositionMock;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.MockSurvey;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * {@code study --paper-setup}: the validation study (docs/validation.md) in the set-up of the real
 * COSMOS field (docs/cosmos.md). The truths are the simulator's (lognormal field plus halos with the
 * C_ℓ of the theory settings, survey.lognormal-shift, survey.halos), drawn on a field twice the tile's
 * size; each is observed with the real catalog's galaxies on the tile ({@link CatalogPositionMock}:
 * positions and weights kept, each measured shape turned by its own random angle, then the
 * survey.shear-model shear of the truth, reduced by default). Every realisation is then scored by
 * {@link StudyRealisation#run} exactly as the mock study's: Kaiser-Squires smoothed at the scale
 * chosen on {@link KsCalibration#REALISATIONS} separate realisations, the Wiener filter with the
 * truths' C_ℓ and the likelihood's shear model, and each posterior method.
 *
 * <p>Seeds: realisation r from {@code new SplittableRandom(seed + r)} (truth, then one angle per
 * galaxy), the calibration realisations from {@link KsCalibration#seed}, the chains of realisation r
 * from sampler.seed and tile id {@code paper-r} (so every realisation has chains of its own). Each
 * realisation is written to DIR/realisations/r-NNNN.json as it finishes, with the inputs that decide
 * its numbers; a rerun reuses the files whose inputs match and refuses, before any work, a directory
 * holding files made with other inputs. Writes DIR/validation.md (the comparison with the reference's
 * Table 1, {@link ReferenceComparison}, then the tables of {@link StudyReport}), DIR/study.json and
 * the figures of {@link StudyReport} and {@link StudyFigures} (the latter of realisation 0).
 */
public final class PaperSetupStudy {
    /** Sub-directory of the per-realisation files. */
    public static final String REALISATIONS = "realisations";
    /** Tile id prefix of the chains (the realisation's index follows). */
    static final String CHAIN_ID = "paper-";
    /** Configuration sections and keys whose values decide a realisation's numbers. */
    static final List<String> INPUT_PATHS = List.of("map", "catalog", "theory", "prior", "wiener", "sampler", "clusters", "simulation",
            "survey.lognormal-shift", "survey.halos", "survey.shear-model");
    /** Keys under those that do not change a number (chains do not depend on batching or threads; the methods are listed apart). */
    static final Set<String> NOT_INPUTS = Set.of("sampler.threads", "sampler.batch-size", "sampler.prior");

    /**
     * One finished realisation as stored.
     *
     * @param index   its index r
     * @param seed    the seed of its truth and shapes
     * @param inputs  the inputs that decided its numbers ({@link #inputs()})
     * @param seconds its wall time, s
     * @param result  its scores
     */
    public record Realisation(int index, long seed, Map<String, String> inputs, double seconds, StudyRealisation.Result result) {
    }

    private final Settings settings;
    private final MapSettings map;
    private final CatalogPositionMock mocks;
    private final List<StudyRealisation.Method> methods;
    private final ConvergenceSpectrum cl;
    private final long seed;
    private final Map<String, String> inputs;

    /**
     * Places the catalog on the tile; nothing is simulated yet.
     *
     * @param s       the settings, map.center set (the tile: map.size, map.pixel-arcmin at map.center)
     * @param catalog the real galaxies, sky convention (catalog flips applied)
     * @param methods the posterior methods
     * @param cl      the truths' C_ℓ: of the simulator, the Wiener filter and every method without its own
     * @param seed    the seed of realisation 0
     * @throws IllegalArgumentException when map.center is unset or no galaxy falls on the tile
     */
    public PaperSetupStudy(Settings s, GalaxyChunk catalog, List<StudyRealisation.Method> methods, ConvergenceSpectrum cl, long seed) {
        this.settings = s;
        this.map = MapSettings.from(s);
        if (map.center().isEmpty()) {
            throw new IllegalArgumentException("the paper set-up needs map.center (the preset's tile)");
        }
        TileGrid tile = map.grid(map.center().get());
        this.mocks = new CatalogPositionMock(tile, catalog, s.enumValue("survey.shear-model", ShearModel.class));
        this.methods = List.copyOf(methods);
        this.cl = cl;
        this.seed = seed;
        Map<String, String> in = new TreeMap<>(configInputs(s));
        in.put("seed", Long.toString(seed));
        in.put("galaxies", mocks.galaxies() + " sha256 " + checksum(catalog));
        for (StudyRealisation.Method m : methods) {
            in.put("method." + m.name(), (m.prior().checksum() == null ? "theory prior" : "model sha256 " + m.prior().checksum()) + ", samples " + (m.samples() > 0 ? m.samples() : SamplerConfig.from(s).chains())
                    + (m.cl() == null ? "" : ", own C_ell"));
        }
        this.inputs = java.util.Collections.unmodifiableMap(in);
    }

    /** Galaxies of the catalog on the tile. */
    public int galaxies() {
        return mocks.galaxies();
    }

    /** Galaxies of the catalog off the tile (left out). */
    public long outside() {
        return mocks.outside();
    }

    /** The inputs every stored realisation must share with this run: settings, seed, galaxies, methods. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /**
     * Checks the realisation files already in {@code out} before any work: each must be readable, hold
     * its own index and this run's inputs.
     *
     * @throws IllegalArgumentException naming the file and the inputs that differ
     */
    public void checkExisting(Path out) throws MassmapIoException {
        Path dir = out.resolve(REALISATIONS);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("r-\\d{4}\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new MassmapIoException(dir, "cannot list the stored realisations", e);
        }
        for (Path f : files) {
            read(f, Integer.parseInt(f.getFileName().toString().substring(2, 6)));
        }
    }

    /**
     * Runs (or resumes) {@code realisations} realisations into {@code out} (existing) and writes the report.
     *
     * @param model   the hybrid model's location and checksum for the report, or null
     * @param command the command line, quoted in the report
     * @param console progress, one line per realisation, and the comparison at the end
     * @return the report's comparison with the reference
     */
    public ReferenceComparison run(Path out, int realisations, String model, String command, PrintWriter console) throws Exception {
        long t0 = System.nanoTime();
        Path dir = out.resolve(REALISATIONS);
        Files.createDirectories(dir);
        console.printf(Locale.ROOT, "paper set-up: %d galaxies on %s (%d off it); truths on the %s field (building the simulator)%n",
                mocks.galaxies(), mocks.tile(), mocks.outside(), mocks.field());
        console.flush();
        ConvergenceSimulator truth = MockSurvey.truthSimulator(mocks.tile(), settings.nonNegative("survey.lognormal-shift"), cl::cl,
                SurveyConfig.halos(settings) ? SimulationConfig.haloModel(settings) : null);
        KsCalibration ks = calibrateKs(truth);
        console.printf(Locale.ROOT, "Kaiser-Squires smoothing %.1f arcmin, chosen on %d separate calibration realisations (%.0f s)%n",
                ks.arcmin(), ks.realisations(), (System.nanoTime() - t0) * 1e-9);
        SamplerConfig sampler = SamplerConfig.from(settings);
        List<StudyRealisation.Result> results = new ArrayList<>();
        double seconds = 0;
        int ran = 0;
        double ranSeconds = 0;
        for (int r = 0; r < realisations; r++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "r-%04d.json", r));
            Realisation done;
            if (Files.isRegularFile(file)) {
                done = read(file, r);
                console.printf(Locale.ROOT, "realisation %d/%d: reused %s%n", r + 1, realisations, file.getFileName());
            } else {
                long tr = System.nanoTime();
                MockSurvey mock = mocks.draw(truth, new SplittableRandom(seed + r));
                BinnedShear binned = StudyRealisation.bin(mock, map);
                StudyRealisation.Result res = StudyRealisation.run(settings, mock, binned, cl, methods, sampler, ks, r == 0 ? out : null,
                        CHAIN_ID + r);
                double took = (System.nanoTime() - tr) * 1e-9;
                done = new Realisation(r, seed + r, inputs, took, res);
                JsonFiles.write(file, done);
                ran++;
                ranSeconds += took;
                console.printf(Locale.ROOT, "realisation %d/%d (%d halos on the tile): %s (%.0f s; about %.0f min left)%n", r + 1,
                        realisations, res.halos().size(), res.summaryLine(), took, ranSeconds / ran * (realisations - r - 1) / 60);
            }
            console.flush();
            seconds += done.seconds();
            results.add(done.result());
        }
        return report(out, results, ks, sampler, model, seconds + (System.nanoTime() - t0) * 1e-9 - ranSeconds, command, console);
    }

    private ReferenceComparison report(Path out, List<StudyRealisation.Result> results, KsCalibration ks, SamplerConfig sampler,
            String model, double seconds, String command, PrintWriter console) throws Exception {
        List<String> names = methods.stream().map(StudyRealisation.Method::name).toList();
        StudyReport report = new StudyReport(results, names, ks, sampler, map, model, seconds, command, String.format(Locale.ROOT,
                "the real COSMOS galaxies: %d at their positions and weights, each shape turned by its own random angle,"
                        + " sheared by simulated truths (%s)", mocks.galaxies(), Settings.optionName(
                        settings.enumValue("survey.shear-model", ShearModel.class))));
        ReferenceComparison reference = new ReferenceComparison(results, names);
        report.writeFigures(out);
        StringBuilder md = new StringBuilder("# Validation in the paper's set-up: simulated truths, the real COSMOS galaxies\n\n");
        md.append(String.format(Locale.ROOT, "Truths: the simulator (lognormal field, shift %s, %s; the C_ℓ of `theory`) on a %d² field"
                + " of %s′ around the tile, seeds %d–%d (realisation r: seed %d + r), never the training's. Observed with the %d galaxies"
                + " of the catalog on the %d² tile of %s′ at %s (%d off the tile left out): positions and weights kept, each measured"
                + " shape turned by its own uniform random angle (shape noise), then sheared: e = (e_s + g)/(1 + g* e_s), g = %s of the"
                + " truth's pixel. Maps scored inside the observed pixels (those holding a galaxy), mean-subtracted.%n%n",
                format(settings.nonNegative("survey.lognormal-shift")), SurveyConfig.halos(settings) ? "with halos" : "no halos",
                mocks.field().nx(), format(map.pixelArcmin()), seed, seed + results.size() - 1, seed, mocks.galaxies(), map.size(),
                format(map.pixelArcmin()), map.center().get(), mocks.outside(),
                settings.enumValue("survey.shear-model", ShearModel.class) == ShearModel.REDUCED_SHEAR ? "γ/(1 − κ)" : "γ"));
        md.append("## Beside the reference's Table 1\n\n").append(ReferenceComparison.SOURCE).append(": the reference's truths are"
                + " not these, so the columns sit side by side, not as equals. \"RMSE vs Wiener's\": the mean RMSE over the mean Wiener"
                + " RMSE, minus one (posterior means: with the Monte-Carlo excess of their N-sample mean removed). The paired"
                + " per-realisation differences and their significance are in \"Paired against the Wiener filter\" below.\n\n");
        md.append(reference.markdown()).append("\n## The study's tables\n\n").append(report.markdown());
        Map<String, Object> paired = new LinkedHashMap<>();
        for (String name : names) {
            PairedComparison[] c = report.pairedAgainstWiener(name);
            if (c != null) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("rmse", c[0]);
                one.put("rmse_mc_corrected", c[1]);
                paired.put(name, one);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("seconds", seconds);
        json.put("inputs", inputs);
        json.put("ks_smoothing", ks);
        json.put("reference_comparison", reference.toJson());
        json.put("paired_against_wiener", paired);
        json.put("spectra", report.spectra());
        json.put("realisations", results);
        JsonFiles.write(out.resolve("study.json"), json);
        AtomicFile.writeBytes(out.resolve("validation.md"), md.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        console.print(reference.markdown());
        paired.forEach((name, v) -> {
            PairedComparison[] c = report.pairedAgainstWiener(name);
            PairedComparison best = c[1] != null ? c[1] : c[0];
            console.printf(Locale.ROOT, "%s posterior mean - Wiener, RMSE%s: %+.5f +- %.5f over %d realisations (wins %d; t-test p %.3g,"
                    + " Wilcoxon p %.3g)%n", name, c[1] != null ? " (Monte-Carlo excess removed)" : "", best.meanDifference(),
                    best.standardError(), best.pairs(), best.aLower(), best.tTestP(), best.wilcoxonP());
        });
        console.printf(Locale.ROOT, "wrote %s and study.json%n", out.resolve("validation.md"));
        return reference;
    }

    /** The Kaiser-Squires smoothing scale, chosen on calibration realisations drawn from their own seeds. */
    private KsCalibration calibrateKs(ConvergenceSimulator truth) throws Exception {
        List<KsCalibration.Case> cases = new ArrayList<>();
        for (int c = 0; c < KsCalibration.REALISATIONS; c++) {
            MockSurvey mock = mocks.draw(truth, new SplittableRandom(KsCalibration.seed(seed, c)));
            cases.add(KsCalibration.Case.of(mock, StudyRealisation.bin(mock, map)));
        }
        return KsCalibration.choose(cases);
    }

    /** Reads stored realisation {@code r}, refusing one of another index or other inputs. */
    private Realisation read(Path file, int r) throws MassmapIoException {
        Realisation done = JsonFiles.read(file, Realisation.class);
        if (done.index() != r || done.result() == null) {
            throw new IllegalArgumentException(file + " does not hold realisation " + r + "; remove it or use another --out");
        }
        List<String> differ = new ArrayList<>();
        Map<String, String> stored = done.inputs() == null ? Map.of() : done.inputs();
        for (String key : union(stored.keySet(), inputs.keySet())) {
            if (!java.util.Objects.equals(stored.get(key), inputs.get(key))) {
                differ.add(key + " (stored " + stored.get(key) + ", now " + inputs.get(key) + ")");
            }
        }
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException(file + " was made with other inputs: " + String.join("; ", differ)
                    + "; rerun with the same settings, or use another --out");
        }
        return done;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The leaf values under {@link #INPUT_PATHS} as strings (64 and "64" alike), without {@link #NOT_INPUTS}. */
    static Map<String, String> configInputs(Settings s) {
        Map<String, String> out = new TreeMap<>();
        for (String path : INPUT_PATHS) {
            if (!s.config().hasPath(path)) {
                continue;
            }
            s.config().withOnlyPath(path).entrySet().forEach(e -> {
                if (!NOT_INPUTS.contains(e.getKey())) {
                    Object v = e.getValue().unwrapped();
                    out.put(e.getKey(), String.valueOf(v));
                }
            });
        }
        return out;
    }

    /** SHA-256 of the galaxies' positions, shapes and weights. */
    static String checksum(GalaxyChunk c) {
        int n = c.size();
        ByteBuffer b = ByteBuffer.allocate(5 * 8 * n);
        for (double[] column : new double[][] {c.ra(), c.dec(), c.e1(), c.e2(), c.w()}) {
            for (int i = 0; i < n; i++) {
                b.putDouble(column[i]);
            }
        }
        return Checksums.sha256(b.array());
    }

    private static String format(double arcmin) {
        return java.math.BigDecimal.valueOf(arcmin).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
