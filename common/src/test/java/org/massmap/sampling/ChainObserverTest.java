package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.massmap.prior.GaussianPrior;

/** An observer sees every iteration of every chain, the final ones flagged, and changes no sample. */
class ChainObserverTest {

    @Test
    void observerSeesEveryIterationAndChangesNothing() {
        GaussianPosteriorSamplingTest.Problem pr = GaussianPosteriorSamplingTest.problem(16, true, 4);
        AnnealedHmcGoldenTest.Setup s = AnnealedHmcGoldenTest.geometric(MassKind.FOURIER, false, 0); // 5 levels x 3, 3 final
        PosteriorSampler plain = new PosteriorSampler(new TemperedPosterior(pr.likelihood(), new GaussianPrior(pr.power())),
                pr.approximation(), s.schedule(), s.move(), s.finish());
        Map<Integer, AtomicInteger> iterations = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> finals = new ConcurrentHashMap<>();
        Map<Integer, double[]> lastFinalState = new ConcurrentHashMap<>();
        ChainObserver observer = (chain, sigma, finalPhase, state) -> {
            iterations.computeIfAbsent(chain, k -> new AtomicInteger()).incrementAndGet();
            if (finalPhase) {
                assertEquals(s.schedule().sigmaMin(), sigma, 1e-12 * sigma, "final iterations run at sigma_min");
                finals.computeIfAbsent(chain, k -> new AtomicInteger()).incrementAndGet();
                lastFinalState.put(chain, state.clone());
            }
        };
        List<ChainResult> without = plain.sample(pr.ksStart(), 5, "observed", 0, 4, 2, 2, null);
        List<ChainResult> with = plain.withObserver(observer).sample(pr.ksStart(), 5, "observed", 0, 4, 2, 2, null);
        assertEquals(4, with.size());
        for (int c = 0; c < 4; c++) {
            ChainResult r = with.get(c);
            assertArrayEquals(without.get(c).sample(), r.sample(), 0.0, "observing changes no sample");
            assertEquals(r.diagnostics().iterations(), iterations.get(c).get(), "one call per iteration");
            assertEquals(s.schedule().iterationBound(), r.diagnostics().iterations(), "the geometric schedule's count is exact");
            assertEquals(3, finals.get(c).get(), "the three final iterations are flagged");
            assertArrayEquals(r.sample(), lastFinalState.get(c), 0.0, "without a flow finish the last final state is the sample");
        }
        assertTrue(iterations.keySet().containsAll(List.of(0, 1, 2, 3)));
    }
}
