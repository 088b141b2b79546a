package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDistributionTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static double integral(RedshiftDensity d) {
        double[] k = d.knots();
        return GaussLegendre.integrate(d::density, k[0], k[k.length - 1], 4 * k.length);
    }

    @Test
    void parsesTheCommandLineSyntax() throws Exception {
        SourcePlane plane = assertInstanceOf(SourcePlane.class, SourceDistribution.parse("plane:1.2"));
        assertEquals(1.2, plane.redshift());
        GaussianSources g = assertInstanceOf(GaussianSources.class, SourceDistribution.parse(" Gaussian: 0.9 , 0.3 "));
        assertEquals(0.9, g.mean());
        assertEquals(0.3, g.sigma());
        Path f = write("nz.txt", "# z n\n0.5 1\n1.0 2 # peak\n\n1.5, 0\n");
        TabulatedSources t = assertInstanceOf(TabulatedSources.class, SourceDistribution.parse("file:" + f));
        assertEquals(1.5, t.maxRedshift());
        assertEquals("file:" + f, t.describe());
        assertEquals("gaussian:0.9,0.3", g.describe());
        assertEquals(g.describe(), SourceDistribution.parse(g.describe()).describe());
    }

    @Test
    void malformedSpecificationsAreRejectedWithTheSyntax() {
        for (String bad : new String[] {"1.0", "plane:", "plane:abc", "gaussian:1.0", "gaussian:1,2,3", "slab:1",
            "file:"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceDistribution.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("plane:ZS, gaussian:MEAN,SIGMA or file:PATH"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.parse(null));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.plane(0));
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.plane(Background.MAX_REDSHIFT + 1));
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.gaussian(1, 0));
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.gaussian(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SourceDistribution.gaussian(1, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceDistribution.tabulated(new double[] {0.1, 0.2}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("integrates to 0"), e.getMessage());
    }

    @Test
    void continuousDistributionsAreNormalised() {
        GaussianSources g = (GaussianSources) SourceDistribution.gaussian(1.0, 0.15);
        assertEquals(1, integral(g), 1e-12);
        assertEquals(1 / (0.15 * Math.sqrt(2 * Math.PI)), g.density(1.0), 1e-10);
        assertEquals(0, g.density(3), 0);
        // truncated at z = 0: renormalised over z >= 0
        GaussianSources low = (GaussianSources) SourceDistribution.gaussian(0.1, 0.3);
        assertEquals(1, integral(low), 1e-12);
        assertEquals(0, low.knots()[0]);
        TabulatedSources t = (TabulatedSources) SourceDistribution.tabulated(new double[] {1, 2, 3}, new double[] {0, 4, 0});
        assertEquals(1, integral(t), 1e-12);
        assertEquals(1, t.density(2), 1e-15);
        assertEquals(0.5, t.density(1.5), 1e-15);
        assertEquals(0, t.density(0.5), 0);
    }

    @Test
    void badFilesNameTheFileAndLine() throws IOException {
        assertFileError("nonincreasing.txt", "0.1 1\n0.2 2\n0.2 3\n", "line 3", "strictly increasing");
        assertFileError("negative.txt", "# header\n0.1 1\n0.2 -2\n", "line 3", "n(z) = -2.0");
        assertFileError("zeros.txt", "0.1 0\n0.2 0\n0.3 0\n", "nzeros", "integrates to 0");
        assertFileError("negz.txt", "-0.1 1\n0.2 2\n", "line 1", "z = -0.1");
        assertFileError("columns.txt", "0.1 1 7\n", "line 1", "3 columns");
        assertFileError("text.txt", "0.1 one\n0.2 2\n", "line 1", "'one' is not a number");
        assertFileError("short.txt", "0.1 1\n", "short.txt", "at least 2");
        assertFileError("nan.txt", "0.1 NaN\n0.2 1\n", "line 1", "must be finite");
        TheoryFileException e = assertThrows(TheoryFileException.class,
                () -> SourceDistribution.fromFile(dir.resolve("missing.txt")));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }

    private void assertFileError(String name, String content, String where, String what) throws IOException {
        Path p = write(name, content);
        TheoryFileException e = assertThrows(TheoryFileException.class, () -> SourceDistribution.fromFile(p), name);
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(where.equals("nzeros") ? name : where), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}
