package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.EllipticityConvention;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearProfile;
import org.massmap.catalog.XrayCluster;
import org.massmap.config.CatalogSettings;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * The ellipticity convention of the real HST/COSMOS catalog (data/cosmos/), proved on the data with
 * the settings of conf/presets/cosmos-hst.conf. The preset's convention gives a positive stacked
 * tangential shear around the X-ray clusters in every annulus with the cross shear consistent with
 * zero, and puts the lensing power in E modes, with B modes at the level that the mask's leakage
 * of a pure E signal gives; every other convention (controls) does worse: the opposite sign gives
 * a negative tangential shear, reflections a tangential shear consistent with zero and equal E and
 * B, the column swaps B instead of E. Prints the tables quoted in docs/cosmos.md.
 */
@Tag("slow")
class CosmosHstConventionTest {
    static final Path ROOT = Path.of("..");
    static final Path PRESET = ROOT.resolve("conf/presets/cosmos-hst.conf");
    static final Path CATALOG = ROOT.resolve("data/cosmos/cosmos_shapes.fits");
    static final Path CLUSTERS = ROOT.resolve("data/cosmos/xray_clusters_finoguenov2006.txt");
    /** Annuli of the stack, arcmin; and the ℓ bands (8 logarithmic bands from the fundamental). */
    static final double[] ANNULI_ARCMIN = {0.5, 1, 2, 3, 5, 8, 12, 20};
    static final int BANDS = 8;
    static final int NOISE_REALISATIONS = 16;
    /** Bands compared for E versus B: where the data's E excess is significant (ℓ ≈ 600–2500). */
    static final double ELL_MIN = 400;
    static final double ELL_MAX = 3000;

    static Settings settings;
    static MapSettings map;
    static TileGrid grid;
    static GalaxyChunk catalog;
    static List<XrayCluster> clusters;
    static EllipticityConvention preset;
    static List<ConventionCheck.Result> results;
    static EbModePower.PureE pureE;
    static BinnedShear presetBinned;

    @BeforeAll
    static void measure() throws Exception {
        assertTrue(Files.isRegularFile(CATALOG), CATALOG.toAbsolutePath() + " is missing: it ships with the repository");
        settings = new Settings(ConfigLoader.load(PRESET, Map.of()));
        map = MapSettings.from(settings);
        grid = map.grid(map.center().orElseThrow());
        ColumnMapping asStored = CatalogSettings.columns(settings, map).withFlips(false, false);
        catalog = Catalogs.readAll(CATALOG, asStored);
        clusters = XrayCluster.readTable(CLUSTERS);
        preset = new EllipticityConvention(false, map.flipE1(), map.flipE2());

        ConventionCheck check = new ConventionCheck(grid, XrayCluster.positions(clusters), ANNULI_ARCMIN, BANDS,
                NOISE_REALISATIONS, 1L);
        List<BinnedShear> noise = check.noise(catalog);
        results = check.run(catalog, EllipticityConvention.all(), noise);
        presetBinned = Catalogs.bin(CATALOG, CatalogSettings.columns(settings, map), grid, ShapeNoise.measured());
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(settings);
        pureE = EbModePower.pureE(presetBinned, noise, PowerMap.fromCl(grid, cl::cl), BANDS, new SplittableRandom(2));
        System.out.println(ConventionCheck.markdown(results, pureE));
        System.out.printf("catalog: %d galaxies; binned %d, %d outside; measured sigma_e = %.4f; %d of %d pixels occupied; "
                        + "median sigma_n of occupied pixels = %.4f%n", catalog.size(), presetBinned.galaxiesUsed(),
                presetBinned.galaxiesOutside(), presetBinned.sigmaE(), presetBinned.occupiedPixels(), grid.size(),
                medianOccupied(presetBinned));
    }

    static ConventionCheck.Result result(EllipticityConvention c) {
        return results.stream().filter(r -> r.convention().equals(c)).findFirst().orElseThrow();
    }

    @Test
    void presetDescribesTheCatalog() throws Exception {
        assertEquals(417_117, catalog.size(), "galaxies read (none may be dropped)");
        assertEquals(417_117, presetBinned.galaxiesUsed(), "every galaxy falls on the preset's tile");
        double[] ra = Arrays.copyOf(catalog.ra(), catalog.size());
        double[] dec = Arrays.copyOf(catalog.dec(), catalog.size());
        SkyPoint centre = map.center().orElseThrow();
        assertEquals(median(ra), centre.raDeg(), 1e-4, "map.center RA is the catalog's median");
        assertEquals(median(dec), centre.decDeg(), 1e-4, "map.center Dec is the catalog's median");
        assertEquals(presetBinned.sigmaE(), map.sigmaE().orElseThrow(), 5e-4, "map.sigma-e is the measured shape noise");
        assertEquals(72, clusters.size(), "X-ray clusters listed");
        // first row of the source table (data/cosmos/README.md): scaled integers and floats decode to its digits
        assertEquals(149.4959651, catalog.ra()[0], 1e-12);
        assertEquals(2.499495782, catalog.dec()[0], 1e-12);
        assertEquals(0.0392358, catalog.e1()[0], 1e-8);
        assertEquals(-0.574703, catalog.e2()[0], 1e-7);
        assertEquals(1.2926, catalog.w()[0], 1e-7);
    }

    @Test
    void presetConventionGivesPositiveTangentialAndNullCrossShear() {
        ShearProfile p = result(preset).shear();
        assertEquals(72, p.centresUsed(), "every X-ray cluster has galaxies in the annuli");
        for (ShearProfile.Bin b : p.bins()) {
            assertTrue(b.gammaT() > 0, "gamma_t > 0 in every annulus: " + b);
            assertTrue(Math.abs(b.significanceX()) < 3, "gamma_x consistent with zero in every annulus: " + b);
        }
        assertTrue(p.total().significanceT() > 5, "stacked gamma_t is a > 5 sigma detection: " + p.total());
        assertTrue(Math.abs(p.total().significanceX()) < 2, "stacked gamma_x consistent with zero: " + p.total());
    }

    @Test
    void everyOtherConventionGivesAWorseTangentialShear() {
        double best = result(preset).shear().total().significanceT();
        for (ConventionCheck.Result r : results) {
            if (!r.convention().equals(preset)) {
                double s = r.shear().total().significanceT();
                assertTrue(s < best - 4, r.convention().label() + " gives gamma_t at " + s + " sigma, the preset " + best);
            }
        }
        EllipticityConvention opposite = new EllipticityConvention(false, !preset.flipE1(), !preset.flipE2());
        assertTrue(result(opposite).shear().total().significanceT() < -5, "the opposite sign gives a negative gamma_t");
    }

    @Test
    void presetConventionPutsThePowerInEModes() {
        EbModePower eb = result(preset).eb();
        for (int b = 0; b < eb.bands(); b++) {
            if (eb.ell()[b] < ELL_MAX) {
                assertTrue(eb.ratio(b) > 1.2, "P_E/P_B > 1.2 at ell = " + eb.ell()[b] + ": " + eb.ratio(b));
            }
            // B modes: noise plus the leakage a pure E signal gives through this mask (its scatter includes the noise)
            double leak = pureE.meanExcessB()[b];
            double scatter = pureE.stdExcessB()[b];
            assertTrue(Math.abs(eb.excessB(b) - leak) < 3 * scatter, "B excess " + eb.excessB(b) + " at ell = "
                    + eb.ell()[b] + " against " + leak + " +- " + scatter + " from leakage and noise");
        }
        double presetEMinusB = eb.eMinusB(ELL_MIN, ELL_MAX);
        for (ConventionCheck.Result r : results) {
            if (r.convention().equals(preset)) {
                continue;
            }
            double other = r.eb().eMinusB(ELL_MIN, ELL_MAX);
            boolean sameClass = r.convention().equals(new EllipticityConvention(false, !preset.flipE1(), !preset.flipE2()));
            if (sameClass) {
                assertEquals(presetEMinusB, other, 1e-6, "e and -e have the same E and B powers");
            } else {
                assertTrue(other < presetEMinusB - 5, r.convention().label() + ": E - B = " + other + " against the preset's "
                        + presetEMinusB);
            }
        }
    }

    /**
     * The map `massmap ks --smooth-arcmin 1` makes with the preset: κ_E is high at the X-ray
     * clusters, κ_B is not (errors: the map's rms inside the mask over √72; neighbouring clusters
     * share smoothed noise, so take them as rough).
     */
    @Test
    void smoothedKaiserSquiresMapIsHighAtTheClusters() {
        org.massmap.lensing.KaiserSquiresMaps ks = org.massmap.lensing.KaiserSquiresMaps.of(presetBinned, 1.0);
        org.massmap.grid.TangentPlane plane = grid.tangentPlane();
        double[] xy = new double[2];
        double sumE = 0;
        double sumB = 0;
        int n = 0;
        for (XrayCluster c : clusters) {
            assertTrue(plane.project(c.position().raDeg(), c.position().decDeg(), xy));
            int i = grid.pixelIndex(grid.xOf(xy[0]), grid.yOf(xy[1]));
            assertTrue(i >= 0, c + " lies on the tile");
            sumE += ks.kappaE()[i];
            sumB += ks.kappaB()[i];
            n++;
        }
        double rmsE = rmsInMask(ks.kappaE());
        double rmsB = rmsInMask(ks.kappaB());
        double meanE = sumE / n;
        double meanB = sumB / n;
        System.out.printf("KS map (1' smoothing) at the %d X-ray clusters: mean kappa_E = %.4f (map rms %.4f: %.1f sigma), "
                + "mean kappa_B = %.4f (map rms %.4f: %.1f sigma)%n", n, meanE, rmsE, meanE / (rmsE / Math.sqrt(n)), meanB, rmsB,
                meanB / (rmsB / Math.sqrt(n)));
        assertTrue(meanE > 5 * rmsE / Math.sqrt(n), "kappa_E at the clusters");
        assertTrue(Math.abs(meanB) < 3 * rmsB / Math.sqrt(n), "kappa_B at the clusters");
    }

    static double rmsInMask(double[] map) {
        boolean[] mask = presetBinned.mask();
        double s = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if (mask[i]) {
                s += map[i] * map[i];
                n++;
            }
        }
        return Math.sqrt(s / n);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    static double medianOccupied(BinnedShear b) {
        double[] sigma = b.noiseSigma();
        boolean[] mask = b.mask();
        return median(java.util.stream.IntStream.range(0, sigma.length).filter(i -> mask[i]).mapToDouble(i -> sigma[i]).toArray());
    }
}
