package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;

class CentreAccumulatorTest {

    private static GalaxyChunk chunk(double[] ra, double[] dec) {
        GalaxyChunk c = new GalaxyChunk();
        for (int i = 0; i < ra.length; i++) {
            c.add(ra[i], dec[i], 0, 0, 1);
        }
        return c;
    }

    @Test
    void theMeanDirectionIsRightAcrossRaZero() throws CatalogException {
        CentreAccumulator a = new CentreAccumulator();
        a.accumulate(chunk(new double[] {359.5, 0.5}, new double[] {-1, 1}));
        CentreAccumulator b = new CentreAccumulator();
        b.accumulate(chunk(new double[] {359.0, 1.0}, new double[] {0, 0}));
        a.merge(b);
        SkyPoint c = a.centre("test");
        assertEquals(0, Math.toDegrees(new SkyPoint(0, 0).separationRad(c)), 1e-9);
        assertEquals(4, a.count());
    }

    @Test
    void withNothingReadTheFirstReadErrorIsNamed() {
        CentreAccumulator a = new CentreAccumulator();
        CatalogException e = assertThrows(CatalogException.class, () -> a.centre("the inputs"));
        assertTrue(e.getMessage().contains("no galaxy positions"), e.getMessage());
        CentreAccumulator b = new CentreAccumulator();
        b.unreadable("cat.csv: column 'e2' not found");
        a.merge(b);
        a.unreadable("later.csv: truncated");
        e = assertThrows(CatalogException.class, () -> a.centre("the inputs"));
        assertTrue(e.getMessage().contains("cat.csv: column 'e2' not found") && !e.getMessage().contains("later.csv"), e.getMessage());
    }
}
