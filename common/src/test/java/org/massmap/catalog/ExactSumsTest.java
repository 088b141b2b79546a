package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumsTest {

    @Test
    void sumsAreTheSameBitsInAnyOrderAndAnyGrouping() {
        Random rng = new Random(1);
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            terms.add((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(12) - 6));
        }
        ExactSums forward = new ExactSums(1);
        terms.forEach(t -> forward.add(0, t));
        Collections.shuffle(terms, rng);
        ExactSums a = new ExactSums(1);
        ExactSums b = new ExactSums(1);
        for (int i = 0; i < terms.size(); i++) {
            (i % 3 == 0 ? a : b).add(0, terms.get(i));
        }
        b.addAll(a);
        assertEquals(Double.doubleToRawLongBits(forward.value(0)), Double.doubleToRawLongBits(b.value(0)));
        // and plain double summation does depend on the order (why this class exists)
        double s1 = 0;
        for (double t : terms) {
            s1 += t;
        }
        Collections.reverse(terms);
        double s2 = 0;
        for (double t : terms) {
            s2 += t;
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (double t : terms) {
            exact = exact.add(new BigDecimal(t));
        }
        assertEquals(exact.round(MathContext.DECIMAL64).doubleValue(), b.value(0), 1e-15 * Math.abs(exact.doubleValue()) + 1e-18);
        System.out.println("plain double sums in two orders differ by " + (s1 - s2));
    }

    @Test
    void negativeValuesCarriesAndRange() {
        ExactSums s = new ExactSums(2);
        s.add(0, 1.0);
        s.add(0, -1.0);
        assertEquals(0.0, s.value(0), 0);
        s.add(1, -0.75);
        s.add(1, 0x1p-70); // below the resolution: dropped
        assertEquals(-0.75, s.value(1), 0);
        for (int i = 0; i < 1000; i++) {
            s.add(0, 0.1);
        }
        assertEquals(100.0, s.value(0), 1e-12);
        s.add(0, 1e18);
        assertEquals(1e18 + 100, s.value(0), 1e3);
        assertThrows(IllegalArgumentException.class, () -> s.add(0, 1e20));
        assertThrows(IllegalArgumentException.class, () -> s.add(0, Double.NaN));
    }
}
