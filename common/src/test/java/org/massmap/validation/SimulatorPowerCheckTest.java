package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.massmap.config.Settings;

/** The simulator-against-prior table on a few small lognormal maps. */
class SimulatorPowerCheckTest {

    @Test
    void writesOneRowPerBandWithModes() throws Exception {
        StringWriter text = new StringWriter();
        SimulatorPowerCheck.write(new PrintWriter(text, true), Settings.defaults(), 16, 1.0, 4, 3, 1, false);
        String out = text.toString();
        assertTrue(out.startsWith("Simulator vs prior: 4 maps of 16² at 1.00′"), out);
        assertFalse(out.contains("Halos:"), out);
        assertTrue(out.contains("| ℓ band | modes | halo share A·P_1h/P | simulator / prior | ± (standard error) |"), out);
        long rows = out.lines().filter(l -> l.matches("\\| \\d+–\\d+ \\| \\d+ \\| 0\\.00 \\| .*")).count();
        assertEquals(3, rows, out);
        assertTrue(out.contains("Timings: halo model"), out);
    }
}
