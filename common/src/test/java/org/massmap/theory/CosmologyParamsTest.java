package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CosmologyParamsTest {

    private static void assertRejected(String parameter, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(parameter), ex.getMessage());
    }

    @Test
    void fiducialIsCloseToMassiveNusAndPlanck() {
        CosmologyParams p = CosmologyParams.fiducial();
        assertEquals(0.3, p.omegaM(), 1e-12);
        assertEquals(0.7, p.omegaDe(), 1e-12);
        assertEquals(0.8, p.sigma8());
        assertEquals(-1, p.w0());
        assertEquals(0, p.wa());
        assertEquals(CosmologyParams.T_CMB_DEFAULT, p.tCmb());
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertRejected("omegaC + omegaB", () -> new CosmologyParams(0, 0, 0.7, 0.8, 0.96, -1, 0));
        assertRejected("omegaC + omegaB", () -> new CosmologyParams(0.9, 0.2, 0.7, 0.8, 0.96, -1, 0));
        assertRejected("omegaB", () -> new CosmologyParams(0.25, -0.01, 0.7, 0.8, 0.96, -1, 0));
        assertRejected("omegaC", () -> new CosmologyParams(Double.NaN, 0.05, 0.7, 0.8, 0.96, -1, 0));
        assertRejected("h", () -> new CosmologyParams(0.25, 0.05, 0, 0.8, 0.96, -1, 0));
        assertRejected("h", () -> new CosmologyParams(0.25, 0.05, -0.7, 0.8, 0.96, -1, 0));
        assertRejected("sigma8", () -> new CosmologyParams(0.25, 0.05, 0.7, 0, 0.96, -1, 0));
        assertRejected("sigma8", () -> new CosmologyParams(0.25, 0.05, 0.7, -0.8, 0.96, -1, 0));
        assertRejected("ns", () -> new CosmologyParams(0.25, 0.05, 0.7, 0.8, Double.POSITIVE_INFINITY, -1, 0));
        assertRejected("w0 + wa", () -> new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, -0.5, 0.6));
        assertRejected("tCmb", () -> new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, -1, 0, 0));
    }

    @Test
    void edgesOfTheValidRangeAreAccepted() {
        assertEquals(1, new CosmologyParams(1, 0, 0.7, 0.8, 0.96, -1, 0).omegaM());
        assertEquals(0, new CosmologyParams(0.3, 0, 0.7, 0.8, 0.96, -1, 0).omegaB());
        assertEquals(0.9, CosmologyParams.fiducial().withSigma8(0.9).sigma8());
        assertEquals(-0.9, CosmologyParams.fiducial().withDarkEnergy(-0.9, 0.1).w0());
    }
}
