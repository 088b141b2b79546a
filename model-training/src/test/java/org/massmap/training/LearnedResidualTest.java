package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.Activation;
import org.massmap.model.HybridScore;
import org.massmap.model.NetworkConfig;
import org.massmap.model.ScoreModel;
import org.massmap.model.SigmaDistribution;

/**
 * Evidence that the network learns the non-Gaussian residual: trained briefly on shifted-lognormal
 * maps it beats the Gaussian score on held-out maps, and trained on Gaussian maps (where the theory
 * score is exact) its residual stays near zero. Small network (≈46k parameters), 32² maps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.massmap.testing.SlowTest
class LearnedResidualTest {
    static final int N = 32;
    static final ShiftedLognormalMaps LOGNORMAL = ShiftedLognormalMaps.toy(N, 1.0);
    static final TileGrid GRID = TileGrid.square(N, 1.0, new SkyPoint(0, 0));

    TrainingSetup setup;
    TrainingResult lognormal;
    TrainingResult gaussian;
    GaussianMaps gaussianMaps;

    static TrainingSetup setup(int steps) {
        TrainingConfig cfg = TrainingConfig.builder().steps(steps).batchSize(16).cropSize(N)
                .sigma(new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0, 0.004, 0.2))
                .learningRate(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 2e-3, 20, 0.05))
                .bnMomentum(0.9).seed(7).progressEvery(50).validationMaps(32).build();
        return TrainingSetup.of(new NetworkConfig(List.of(8, 16, 32), 1, Activation.RELU), cfg, LOGNORMAL.theoryCl(), 1.0);
    }

    @BeforeAll
    void train() throws Exception {
        setup = setup(200);
        lognormal = Trainer.create(setup, LOGNORMAL, null).run(ProgressListener.none());
        gaussianMaps = new GaussianMaps(N, 1.0, setup.prior());
        gaussian = Trainer.create(setup.withTraining(setup.training().toBuilder().steps(120).build()), gaussianMaps, null)
                .run(ProgressListener.none());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.005, 0.01, 0.02, 0.05})
    void onHeldOutLognormalMapsTheHybridScoreBeatsTheGaussianScore(double sigma) {
        DsmValidation.Result r = DsmValidation.heldOutAtSigma(setup, LOGNORMAL, 48, 99, sigma).evaluate(lognormal.model().network());
        System.out.printf("lognormal held-out sigma=%.3f: %s, improvement %.3f%n", sigma, r, r.improvement());
        assertTrue(r.hybridLoss() < 0.92 * r.gaussianLoss(), "sigma " + sigma + ": " + r);
    }

    @Test
    void theLossCurveGoesDownAndTheMetadataRecordsTheValidation() {
        List<LossPoint> h = lognormal.history();
        assertEquals(200, h.size());
        double first = h.subList(0, 20).stream().mapToDouble(LossPoint::loss).average().orElseThrow();
        double last = h.subList(180, 200).stream().mapToDouble(LossPoint::loss).average().orElseThrow();
        assertTrue(last < 0.9 * first, first + " -> " + last);
        var t = lognormal.model().metadata().training();
        System.out.printf("loss first 20 steps %.4f, last 20 %.4f; %s; training %.1f s + %.1f s%n", first, last, t, lognormal.seconds(), gaussian.seconds());
        assertTrue(t.validationLoss() < t.gaussianValidationLoss(), t.toString());
    }

    @Test
    void tweedieDenoisingWithTheLearnedScoreBeatsTheWienerFilter() {
        double sigma = 0.02;
        HybridScore score = lognormal.model().hybridScore(GRID);
        Random rng = new Random(2024);
        double mseHybrid = 0;
        double mseWiener = 0;
        double mseNoisy = 0;
        for (int m = 0; m < 24; m++) {
            double[] x = LOGNORMAL.next(rng);
            double[] noisy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                noisy[i] = x[i] + sigma * rng.nextGaussian();
            }
            double[] s = score.score(noisy, sigma);
            double[] sTh = score.gaussianPart().score(noisy, sigma);
            for (int i = 0; i < x.length; i++) {
                double dh = noisy[i] + sigma * sigma * s[i] - x[i]; // Tweedie: E[x|x'] = x' + σ² ∇log p_σ(x')
                double dw = noisy[i] + sigma * sigma * sTh[i] - x[i]; // Wiener filter
                mseHybrid += dh * dh;
                mseWiener += dw * dw;
                mseNoisy += (noisy[i] - x[i]) * (noisy[i] - x[i]);
            }
        }
        System.out.printf("Tweedie sigma=0.02: MSE noisy %.4g, Wiener %.4g, hybrid %.4g%n", mseNoisy, mseWiener, mseHybrid);
        assertTrue(mseWiener < 0.5 * mseNoisy, "the Wiener filter denoises: " + mseWiener + " vs " + mseNoisy);
        assertTrue(mseHybrid < 0.9 * mseWiener, "hybrid MSE " + mseHybrid + " vs Wiener " + mseWiener);
    }

    @Test
    void onGaussianMapsTheLearnedResidualStaysNearZero() {
        for (double sigma : new double[] {0.005, 0.02, 0.05}) {
            DsmValidation v = DsmValidation.heldOutAtSigma(setup, gaussianMaps, 32, 99, sigma);
            DsmValidation.Result r = v.evaluate(gaussian.model().network());
            assertEquals(r.gaussianLoss(), r.hybridLoss(), 0.01 * r.gaussianLoss(), "sigma " + sigma + ": " + r);
            double rmsGauss = residualRms(gaussian.model(), sigma, gaussianMaps);
            double rmsLognormal = residualRms(lognormal.model(), sigma, LOGNORMAL);
            System.out.printf("Gaussian-trained sigma=%.3f: %s; rms(sigma r) %.4f vs lognormal-trained %.4f%n", sigma, r, rmsGauss, rmsLognormal);
            // σ·r_θ is in units of the unit-variance noise u: near zero means ≪ 1
            assertTrue(rmsGauss < 0.05 && rmsGauss < 0.25 * rmsLognormal,
                    "sigma " + sigma + ": rms(σ r) " + rmsGauss + " (Gaussian-trained) vs " + rmsLognormal + " (lognormal-trained)");
        }
    }

    @Test
    void aChainsScoreIsTheSameAloneAndInsideABatch() {
        HybridScore score = lognormal.model().hybridScore(GRID);
        Random rng = new Random(5);
        double[][] maps = new double[4][];
        double[] sigmas = {0.003, 0.01, 0.05, 0.15};
        for (int b = 0; b < 4; b++) {
            maps[b] = LOGNORMAL.next(rng);
        }
        double[][] out = new double[4][N * N];
        score.score(maps, sigmas, out);
        for (int b = 0; b < 4; b++) {
            double[] alone = score.score(maps[b], sigmas[b]);
            double scale = java.util.Arrays.stream(alone).map(Math::abs).max().orElseThrow();
            assertArrayEquals(alone, out[b], 1e-5 * scale, "map " + b);
        }
    }

    /** rms over pixels of σ·r_θ(x', σ) on held-out noisy maps. */
    static double residualRms(ScoreModel model, double sigma, TrainingMaps maps) {
        HybridScore score = model.hybridScore(GRID);
        Random rng = new Random(77);
        double sum = 0;
        int count = 0;
        for (int m = 0; m < 8; m++) {
            double[] x = maps.next(rng);
            for (int i = 0; i < x.length; i++) {
                x[i] += sigma * rng.nextGaussian();
            }
            double[][] r = new double[1][x.length];
            score.residual(new double[][] {x}, new double[] {sigma}, r);
            for (double v : r[0]) {
                sum += (sigma * v) * (sigma * v);
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }
}
