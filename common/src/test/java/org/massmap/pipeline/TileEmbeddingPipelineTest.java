package org.massmap.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileEmbedding;
import org.massmap.grid.TileGrid;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.MapHdu;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.PosteriorSampler;
import org.massmap.sampling.TemperedPosterior;
import org.massmap.survey.Tile;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;

/**
 * A tile embedded in a larger periodic grid (map.embedding-margin): margin 0 is exactly today's
 * torus, a margin changes only the grid the inference runs on (every product is the tile's), and it
 * removes the wrap-around of mass just outside the tile onto the opposite edge.
 */
class TileEmbeddingPipelineTest {
    /** Tile side, pixels of 1 arcmin. */
    static final int N = 32;
    /** The big periodic field the halo's shear is computed on: the tile in its centre, 3 times as wide. */
    static final int FIELD = 3 * N;
    /** The halo: κ0·exp(−r²/2s²), centred {@value #OUTSIDE} pixels beyond the tile's column 0, on its middle row. */
    static final double KAPPA0 = 0.4;
    static final double WIDTH = 2.0;
    static final int OUTSIDE = 4;
    /** Per-galaxy shape noise of the likelihood: one noiseless galaxy per pixel, σ_n = σ_e. */
    static final double SIGMA_E = 0.05;

    static final TileGrid GRID = TileGrid.square(N, 1.0, new SkyPoint(40, -30));
    static BinnedShear haloData;
    static double[] haloTruth;

    @TempDir
    Path dir;

    @BeforeAll
    static void shearOfAHaloJustOutsideTheTile() throws Exception {
        int off = (FIELD - N) / 2;
        double cx = off - OUTSIDE;
        double cy = off + N / 2.0;
        double[] kappa = new double[FIELD * FIELD];
        for (int y = 0; y < FIELD; y++) {
            for (int x = 0; x < FIELD; x++) {
                double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                kappa[y * FIELD + x] = KAPPA0 * Math.exp(-r2 / (2 * WIDTH * WIDTH));
            }
        }
        double[][] shear = new KaiserSquires(FIELD, FIELD).forward(kappa, null);
        haloTruth = new double[GRID.size()];
        double[][] tileShear = new double[2][GRID.size()];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int f = (y + off) * FIELD + x + off;
                haloTruth[y * N + x] = kappa[f];
                tileShear[0][y * N + x] = shear[0][f];
                tileShear[1][y * N + x] = shear[1][f];
            }
        }
        haloData = bin(GRID, tileShear);
    }

    /**
     * One noiseless galaxy at each pixel centre with ellipticity = the pixel's shear (grid frame),
     * written in the sky convention the binning undoes (as {@code MockSurvey} does).
     */
    static BinnedShear bin(TileGrid grid, double[][] shear) throws Exception {
        TangentPlane plane = grid.tangentPlane();
        GalaxyChunk chunk = new GalaxyChunk(grid.size());
        for (int y = 0; y < grid.ny(); y++) {
            for (int x = 0; x < grid.nx(); x++) {
                int i = y * grid.nx() + x;
                SkyPoint sky = grid.pixelCentre(x, y);
                double phi = plane.frameRotation(sky.raDeg(), sky.decDeg());
                double c = Math.cos(2 * phi);
                double s = Math.sin(2 * phi);
                double t1 = shear[0][i];
                double t2 = -shear[1][i];
                chunk.add(sky.raDeg(), sky.decDeg(), t1 * c + t2 * s, -t1 * s + t2 * c, 1);
            }
        }
        ShearBinner binner = new ShearBinner(grid);
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(chunk, acc);
        return binner.finish(acc, ShapeNoise.configured(SIGMA_E));
    }

    @Test
    void theEmbeddedDataHoldTheTileInTheCentreAndNothingInTheMargin() {
        TileData data = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL, 0.5);
        TileEmbedding e = data.embedding();
        assertEquals(48, data.inferenceGrid().nx());
        assertEquals(8, e.offsetX());
        BinnedShear outer = data.inferenceShear();
        assertEquals(e.outer(), outer.grid());
        assertArrayEquals(haloData.gamma1(), e.crop(outer.gamma1()));
        assertArrayEquals(haloData.gamma2(), e.crop(outer.gamma2()));
        assertArrayEquals(haloData.noiseSigma(), e.crop(outer.noiseSigma()));
        assertEquals(haloData.occupiedPixels(), outer.occupiedPixels());
        boolean[] mask = outer.mask();
        double[] noise = outer.noiseSigma();
        int observed = 0;
        for (int i = 0; i < mask.length; i++) {
            observed += mask[i] ? 1 : 0;
            if (!mask[i]) {
                assertEquals(Double.POSITIVE_INFINITY, noise[i]);
                assertEquals(0, outer.gamma1()[i]);
            }
        }
        assertEquals(GRID.size(), observed);
        assertEquals(e.outer().size(), data.likelihood().mask().length);
        assertEquals(e.outer().size(), data.power().toArray().length);
        // the tile's own products are on the tile
        assertEquals(GRID.size(), data.wienerFilter(1e-8, 500).kappa().length);
        assertEquals(GRID, data.kaiserSquires(0).grid());
        assertEquals(0, mean(data.kaiserSquires(0).kappaE()), 1e-15);
    }

    @Test
    void marginZeroIsTodaysTorusBitForBit() {
        TileData zero = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL, 0);
        TileData plain = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL);
        assertTrue(zero.embedding().isIdentity());
        // today's ingredients built by hand from the binned tile
        ShearLikelihood like = new ShearLikelihood(new KaiserSquires(N, N), haloData.gamma1(), haloData.gamma2(),
                haloData.noiseSigma(), haloData.mask(), ShearModel.SHEAR);
        PowerMap power = PowerMap.fromCl(GRID, TileProductWriterTest.CL::cl);
        WienerResult wf = new GaussianPosterior(like, power, 0).wienerFilter(1e-8, 500);
        assertArrayEquals(wf.kappa(), zero.wienerFilter(1e-8, 500).kappa());
        assertArrayEquals(wf.kappa(), plain.wienerFilter(1e-8, 500).kappa());
        KaiserSquiresMaps ks = KaiserSquiresMaps.of(haloData, 1.5);
        assertArrayEquals(ks.kappaE(), zero.kaiserSquires(1.5).kappaE());
        assertArrayEquals(ks.kappaB(), zero.kaiserSquires(1.5).kappaB());

        var sampler = TileProductWriterTest.SAMPLER;
        GaussianApproximation approx = new GaussianApproximation(like, power);
        PosteriorSampler byHand = new PosteriorSampler(new TemperedPosterior(like, new GaussianPrior(power)), approx,
                sampler.resolvedSchedule(approx), sampler.move(), sampler.finish());
        List<ChainResult> expected = byHand.sample(KaiserSquiresMaps.of(haloData, 0).kappaE(), sampler.seed(), "t", 1, 3,
                sampler.batchSize(), 1, null);
        List<ChainResult> viaMargin = new TileProblem("t", zero, PriorModel.gaussian(), sampler).sample(1, 3, 1, null);
        List<ChainResult> viaPlain = new TileProblem("t", haloData, ShearModel.SHEAR, TileProductWriterTest.CL,
                PriorModel.gaussian(), sampler).sample(1, 3, 1, null);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(expected.get(c).sample(), viaMargin.get(c).sample(), "chain " + c);
            assertArrayEquals(expected.get(c).sample(), viaPlain.get(c).sample(), "chain " + c);
            assertEquals(expected.get(c).diagnostics().seed(), viaMargin.get(c).diagnostics().seed());
        }
    }

    @Test
    void embeddedChainsAreDeterministicTileSizedAndEveryProductKeepsTheTilesWcs() throws Exception {
        var sampler = TileProductWriterTest.SAMPLER;
        Tile tile = new Tile("t000_0002", GRID.centre().raDeg(), GRID.centre().decDeg(), N, 1.0);
        assertEquals(GRID, tile.grid());
        List<Path> dirs = new ArrayList<>();
        for (double margin : new double[] {0, 0.5}) {
            TileData data = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL, margin);
            TileProblem problem = new TileProblem(tile.id(), data, PriorModel.gaussian(), sampler);
            List<ChainResult> all = problem.sample(0, 4, 1, null);
            List<ChainResult> sliced = new ArrayList<>(problem.sample(0, 2, 1, null));
            sliced.addAll(problem.sample(2, 2, 1, null));
            List<double[]> samples = new ArrayList<>();
            List<ChainDiagnostics> chains = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                assertEquals(GRID.size(), all.get(c).sample().length);
                assertArrayEquals(all.get(c).sample(), sliced.get(c).sample(), "chain " + c + " whatever the slicing");
                samples.add(all.get(c).sample());
                chains.add(all.get(c).diagnostics());
            }
            Path d = Files.createDirectories(dir.resolve("m" + margin));
            TileProductWriter.PosteriorRun run = new TileProductWriter.PosteriorRun("run", "gaussian", null, sampler,
                    TileProductWriterTest.CLUSTERS, List.of(), 1e-6, 500);
            new TileProductWriter(d, TileProductWriterTest.PROV).posterior(
                    new TileProductWriter.SampledTile(tile, GRID.size(), "fp", data, samples, chains, List.of()), run, null);
            dirs.add(d);
        }
        List<String> maps = List.of("kappa_ks_e.fits", "kappa_ks_b.fits", "kappa_wiener.fits", "posterior_mean.fits",
                "posterior_std.fits", "posterior_q02.5.fits", "posterior_q97.5.fits", "cluster_frequency.fits", "mask.fits",
                "shear.fits");
        for (String f : maps) {
            List<MapHdu> a = FitsMaps.readAll(dirs.get(0).resolve(f));
            List<MapHdu> b = FitsMaps.readAll(dirs.get(1).resolve(f));
            assertEquals(a.size(), b.size(), f);
            for (int h = 0; h < a.size(); h++) {
                assertEquals(N, b.get(h).map().grid().nx(), f);
                assertEquals(N, b.get(h).map().grid().ny(), f);
                assertEquals(a.get(h).map().grid(), b.get(h).map().grid(), f + " with a margin: the tile's grid and WCS");
                for (String key : new String[] {"NAXIS1", "NAXIS2", "CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2", "CDELT1", "CDELT2"}) {
                    assertEquals(a.get(h).keywords().get(key), b.get(h).keywords().get(key), f + " " + key);
                }
            }
        }
        assertFalse(java.util.Arrays.equals(FitsMaps.read(dirs.get(0).resolve("kappa_wiener.fits")).map().values(),
                FitsMaps.read(dirs.get(1).resolve("kappa_wiener.fits")).map().values()), "the margin changes the inference");
    }

    /**
     * The Wiener filter is the exact posterior mean of the Gaussian prior under the shear model. On
     * the tile's torus a halo {@value #OUTSIDE} pixels beyond column 0 is the same as one
     * {@value #OUTSIDE} pixels inside the opposite edge, so the periodic posterior mean must put
     * mass at the far edge, where the truth has none; embedded with a margin wider than the halo's
     * reach, it puts the mass in the margin and leaves the far edge alone.
     *
     * <p>Signal in an edge band is measured as a contrast: the band's mean on the halo's rows minus
     * its mean on rows 12 or more pixels away, which removes the uniform offset a torus gives every
     * pixel (its mean is 0, so mass placed anywhere lowers all pixels by mass/area). Thresholds from
     * the case: the truth's far-band contrast is below 10⁻⁴ of its near-band contrast (checked), so any
     * far-band contrast is spurious. The wrapped reconstruction sees the halo's image just inside the
     * far edge: its far-band contrast must exceed its near-band one (the image is nearer the far band
     * than the halo is to the near band). The embedded one keeps a residue, the difference between the
     * shear of a halo on the larger torus and on the open sky (measured: about 5% of the wrapped
     * far-band contrast), so it may show at most a tenth of the wrapped far-band contrast and a quarter
     * of its own near-band contrast, while seeing at least half of the truth's near-band contrast.
     */
    @Test
    void massJustOutsideTheTileWrapsOntoTheOppositeEdgeOnlyWithoutAMargin() {
        double truthNear = contrast(haloTruth, 0);
        double truthFar = contrast(haloTruth, N - BAND);
        assertTrue(truthNear > 0.01, "the halo reaches into the tile: " + truthNear);
        assertTrue(Math.abs(truthFar) < 1e-4 * truthNear, "the truth has nothing at the far edge: " + truthFar);

        double[] wrapped = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL, 0).wienerFilter(1e-10, 2000).kappa();
        double[] embedded = new TileData(haloData, ShearModel.SHEAR, TileProductWriterTest.CL, 1).wienerFilter(1e-10, 2000).kappa();
        double wrappedRatio = contrast(wrapped, N - BAND) / contrast(wrapped, 0);
        double embeddedRatio = contrast(embedded, N - BAND) / contrast(embedded, 0);
        String report = String.format(Locale.ROOT,
                "contrast: truth near %.4f far %.1e; wrapped near %.4f far %.4f (%.3f); embedded near %.4f far %.5f (%.4f)",
                truthNear, truthFar, contrast(wrapped, 0), contrast(wrapped, N - BAND), wrappedRatio, contrast(embedded, 0),
                contrast(embedded, N - BAND), embeddedRatio);
        System.out.println(report);
        assertTrue(contrast(embedded, 0) > 0.5 * truthNear, "the embedded mean sees the halo's edge: " + report);
        assertTrue(wrappedRatio > 1, "control: the torus wraps the halo onto the far edge; " + report);
        assertTrue(Math.abs(contrast(embedded, N - BAND)) < 0.1 * contrast(wrapped, N - BAND),
                "the margin keeps the far edge clean; " + report);
        assertTrue(Math.abs(embeddedRatio) < 0.25, "the margin keeps the far edge clean; " + report);
    }

    /** Columns of the edge bands. */
    static final int BAND = 3;

    /** Band mean over columns [x0, x0 + BAND) on the halo's rows (within 4 of N/2) minus that on rows 0-3 and N-4 to N-1. */
    static double contrast(double[] map, int x0) {
        return band(map, x0, N / 2 - 4, N / 2 + 4) - 0.5 * (band(map, x0, 0, 3) + band(map, x0, N - 4, N - 1));
    }

    static double band(double[] map, int x0, int y0, int y1) {
        double s = 0;
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x < x0 + BAND; x++) {
                s += map[y * N + x];
                n++;
            }
        }
        return s / n;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }
}
