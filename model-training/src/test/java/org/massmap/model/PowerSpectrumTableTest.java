package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PowerSpectrumTableTest {

    @Test
    void interpolatesLogLogAndExtendsByThePowerLawOfTheEnds() {
        // C = 1e-8 (ell/100)^-2 between nodes at 100 and 1000, then slope -3 to 10000
        PowerSpectrumTable t = new PowerSpectrumTable(new double[] {100, 1000, 10000}, new double[] {1e-8, 1e-10, 1e-13});
        assertEquals(1e-8, t.at(100), 1e-20);
        assertEquals(1e-8 * Math.pow(3.0, -2), t.at(300), 1e-12 * 1e-8);
        assertEquals(1e-8 * Math.pow(0.5, -2), t.at(50), 1e-12 * 1e-8);
        assertEquals(1e-13 * Math.pow(2.0, -3), t.at(20000), 1e-12 * 1e-13);
    }

    @Test
    void rejectsBadTablesNamingTheEntry() {
        assertThrows(IllegalArgumentException.class, () -> new PowerSpectrumTable(new double[] {10, 5}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new PowerSpectrumTable(new double[] {10, 20}, new double[] {1, -1}));
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        PowerSpectrumTable t = new PowerSpectrumTable(new double[] {100, 1000}, new double[] {1e-8, 1e-10});
        String s = ModelFiles.json().writeValueAsString(t);
        assertEquals(t, ModelFiles.json().readValue(s, PowerSpectrumTable.class));
    }
}
