package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.massmap.model.SigmaDistribution;

class TrainingPiecesTest {

    @Test
    void sigmaDrawsStayInTheTrainedRangeAndFollowTheHalfNormalShape() {
        SigmaDistribution d = SigmaDistribution.reference();
        Random rng = new Random(1);
        int n = 200_000;
        int belowScale = 0;
        for (int i = 0; i < n; i++) {
            double s = d.draw(rng);
            assertTrue(s >= d.lo() && s <= d.hi(), "sigma " + s);
            if (s < d.scale()) {
                belowScale++;
            }
        }
        // P(|N(0,s²)| < s | lo <= σ <= hi) = (0.6827 − P(σ < lo)) / (P(σ <= 4s) − P(σ < lo)), P(σ < lo) ≈ 0.00997
        assertEquals((0.6827 - 0.00997) / (0.99994 - 0.00997), belowScale / (double) n, 0.005);
        SigmaDistribution log = new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0, 0.001, 0.1);
        int lowerHalf = 0;
        for (int i = 0; i < n; i++) {
            if (log.draw(rng) < 0.01) {
                lowerHalf++;
            }
        }
        assertEquals(0.5, lowerHalf / (double) n, 0.005);
        assertThrows(IllegalArgumentException.class, () -> new SigmaDistribution(SigmaDistribution.Kind.HALF_NORMAL, 0.2, 0.1, 0.05));
    }

    @Test
    void learningRateWarmsUpThenDecaysByCosine() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1e-3, 10, 0.1);
        assertEquals(1e-4 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(0))), s.at(0, 100), 1e-12);
        assertEquals(1e-3 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 2))), s.at(50, 100), 1e-12);
        assertEquals(1e-4, s.at(100, 100), 1e-12);
    }

    @Test
    void theEightSymmetriesOfTheSquareAreDistinctPermutations() {
        int n = 4;
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < Dihedral.COUNT; d++) {
            StringBuilder sb = new StringBuilder();
            Set<Integer> sources = new HashSet<>();
            for (int iy = 0; iy < n; iy++) {
                for (int ix = 0; ix < n; ix++) {
                    int src = Dihedral.sourceRow(d, iy, ix, n) * n + Dihedral.sourceCol(d, iy, ix, n);
                    sources.add(src);
                    sb.append(src).append(',');
                }
            }
            assertEquals(n * n, sources.size(), "symmetry " + d + " is a permutation");
            seen.add(sb.toString());
        }
        assertEquals(Dihedral.COUNT, seen.size());
    }

    @Test
    void seedsDependOnEveryCoordinate() {
        Set<Long> s = new HashSet<>();
        for (long a = 0; a < 10; a++) {
            for (long b = 0; b < 10; b++) {
                s.add(Seeds.derive(1, a, b));
            }
        }
        assertEquals(100, s.size());
        assertEquals(Seeds.derive(5, 1, 2), Seeds.derive(5, 1, 2));
        assertTrue(Seeds.derive(5, 1, 2) != Seeds.derive(5, 2, 1));
    }
}
