package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianPrior;

/**
 * Pins the exact output of the annealed HMC sampler: for small seeded problems covering both
 * schedules, both mass matrices, the probability-flow finish, reduced shear, a non-Gaussian prior
 * and both failure modes, every chain's sample and diagnostics are hashed (SHA-256 of the raw bits)
 * and compared with {@code annealed-hmc-golden.txt}, recorded before the sampler was split into its
 * parts. A refactoring that changes any bit of any sample fails here; a deliberate change of the
 * algorithm must regenerate the file (the failure message prints the new content).
 *
 * <p>The values are those of HotSpot on x86-64, whose Math.exp/log/pow may differ in the last bit
 * on other platforms.
 */
class AnnealedHmcGoldenTest {

    /** A non-Gaussian prior score: the Gaussian one plus −c·κ³ per pixel (exercises Simpson on a curved path). */
    static ScoreFunction cubic(ScoreFunction gaussian, double c) {
        return new ScoreFunction() {
            @Override
            public int nx() {
                return gaussian.nx();
            }

            @Override
            public int ny() {
                return gaussian.ny();
            }

            @Override
            public void score(double[][] maps, double[] sigmas, double[][] out) {
                gaussian.score(maps, sigmas, out);
                for (int b = 0; b < maps.length; b++) {
                    for (int i = 0; i < maps[b].length; i++) {
                        out[b][i] -= c * maps[b][i] * maps[b][i] * maps[b][i];
                    }
                }
            }
        };
    }

    /** The prior with a NaN in the 10th call's second map. */
    static ScoreFunction poisoned(ScoreFunction good) {
        return new ScoreFunction() {
            int calls;

            @Override
            public int nx() {
                return good.nx();
            }

            @Override
            public int ny() {
                return good.ny();
            }

            @Override
            public synchronized void score(double[][] maps, double[] sigmas, double[][] out) {
                good.score(maps, sigmas, out);
                if (++calls == 10 && out.length > 1) {
                    out[1][5] = Double.NaN;
                }
            }
        };
    }

    /** A schedule with its HMC move and finish (what one HmcSettings held when the golden file was recorded). */
    record Setup(Schedule schedule, HmcMove move, ProbabilityFlow finish) {
    }

    static HmcMove move(MassKind mass) {
        return new HmcMove(3, mass == MassKind.FOURIER ? 0.5 : 0.013, 0.7, mass);
    }

    static Setup geometric(MassKind mass, boolean flow, double odeEnd) {
        return geometric(0.5, 0.01, mass, flow, odeEnd);
    }

    static Setup geometric(double sigmaMax, double sigmaMin, MassKind mass, boolean flow, double odeEnd) {
        return new Setup(new GeometricSchedule(sigmaMax, sigmaMin, 5, 3, 3), move(mass),
                flow ? new ProbabilityFlow(3, odeEnd) : ProbabilityFlow.NONE);
    }

    static Setup adaptive(MassKind mass, int finalSteps, int maxIterations) {
        return new Setup(new AdaptiveSchedule(0.5, 0.05, 0.7, 2, maxIterations, finalSteps), move(mass), ProbabilityFlow.NONE);
    }

    static List<String> lines(String label, GaussianPosteriorSamplingTest.Problem pr, ShearLikelihood like,
            ScoreFunction prior, Setup s, int batch, int threads) {
        List<ChainResult> res = new PosteriorSampler(new TemperedPosterior(like, prior), pr.approximation(), s.schedule(),
                s.move(), s.finish())
                .sample(pr.ksStart(), 5, "golden", 0, 3, batch, threads, null);
        List<String> out = new ArrayList<>();
        for (ChainResult r : res) {
            out.add(label + " " + describe(r));
        }
        return out;
    }

    static String describe(ChainResult r) {
        ChainDiagnostics d = r.diagnostics();
        StringBuilder b = new StringBuilder();
        b.append(d.chain()).append(' ').append(d.seed()).append(' ').append(d.iterations()).append(' ')
                .append(d.scoreEvaluations()).append(' ').append(Double.toHexString(d.finalStepSize())).append(' ')
                .append(Double.toHexString(d.finalSigma())).append(' ').append(d.levelSigma().length);
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i < d.levelSigma().length; i++) {
            levels.append(Double.toHexString(d.levelSigma()[i])).append(',').append(d.levelAccepted()[i]).append(',')
                    .append(d.levelProposed()[i]).append(';');
        }
        b.append(' ').append(sha(levels.toString().getBytes(StandardCharsets.UTF_8)));
        if (r.sample() == null) {
            b.append(" failed: ").append(d.failure());
        } else {
            byte[] bits = new byte[8 * r.sample().length];
            for (int i = 0; i < r.sample().length; i++) {
                long v = Double.doubleToRawLongBits(r.sample()[i]);
                for (int k = 0; k < 8; k++) {
                    bits[8 * i + k] = (byte) (v >>> (8 * k));
                }
            }
            b.append(" sample ").append(sha(bits)).append(' ').append(Double.toHexString(r.sample()[0]));
        }
        return b.toString();
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> all() {
        GaussianPosteriorSamplingTest.Problem masked = GaussianPosteriorSamplingTest.problem(16, true, 4);
        GaussianPosteriorSamplingTest.Problem open = GaussianPosteriorSamplingTest.problem(16, false, 5);
        ShearLikelihood like = masked.likelihood();
        ShearLikelihood reduced = new ShearLikelihood(like.operator(), like.gamma1(), like.gamma2(),
                sqrt(like.noiseVariance()), like.mask(), ShearModel.REDUCED_SHEAR);
        GaussianPrior gauss = new GaussianPrior(masked.power());
        List<String> out = new ArrayList<>();
        out.addAll(lines("geometric-fourier", masked, like, gauss, geometric(MassKind.FOURIER, false, 0), 2, 2));
        out.addAll(lines("geometric-identity", masked, like, gauss, geometric(MassKind.IDENTITY, false, 0), 3, 1));
        out.addAll(lines("flow-to-zero", masked, like, gauss, geometric(MassKind.FOURIER, true, 0), 3, 1));
        out.addAll(lines("flow-to-1e-3", masked, like, gauss, geometric(MassKind.FOURIER, true, 1e-3), 1, 2));
        out.addAll(lines("adaptive-fourier", masked, like, gauss, adaptive(MassKind.FOURIER, 3, 1000), 3, 1));
        out.addAll(lines("adaptive-identity-no-final", masked, like, gauss, adaptive(MassKind.IDENTITY, 0, 1000), 2, 2));
        out.addAll(lines("adaptive-stalls", masked, like, gauss, adaptive(MassKind.FOURIER, 3, 6), 3, 1));
        out.addAll(lines("reduced-shear", masked, reduced, gauss, geometric(0.05, 0.002, MassKind.FOURIER, true, 0), 3, 1));
        out.addAll(lines("cubic-prior-geometric", masked, like, cubic(gauss, 2e3), geometric(MassKind.FOURIER, false, 0), 3, 1));
        out.addAll(lines("cubic-prior-adaptive", masked, like, cubic(gauss, 2e3), adaptive(MassKind.FOURIER, 3, 1000), 3, 1));
        out.addAll(lines("poisoned", open, open.likelihood(), poisoned(new GaussianPrior(open.power())),
                geometric(MassKind.FOURIER, false, 0), 3, 1));
        return out;
    }

    private static double[] sqrt(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] > 0 ? Math.sqrt(v[i]) : 1;
        }
        return r;
    }

    @Test
    void samplesAndDiagnosticsAreBitIdenticalToTheRecordedOnes() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("annealed-hmc-golden.txt")) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String actual = String.join("\n", all()) + "\n";
        if (!actual.equals(expected)) {
            Path written = Path.of("target", "annealed-hmc-golden.actual.txt");
            Files.writeString(written, actual);
            assertEquals(expected, actual, "the sampler's output changed; if that is deliberate, replace "
                    + "src/test/resources/org/massmap/sampling/annealed-hmc-golden.txt by " + written.toAbsolutePath());
        }
    }
}
