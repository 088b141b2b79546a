package org.massmap.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WcsTest {

    @Test
    void lonpoleIsExplicitSoThatPoleCentredTilesKeepTheTangentPlaneOrientation() {
        // FITS defaults LONPOLE to 0 when CRVAL2 = +90 (and to 180 otherwise); TangentPlane puts the
        // RA = CRVAL1 meridian below a pole-centred tile, which is LONPOLE = 180 (checked with astropy 5.2).
        TileGrid pole = TileGrid.square(64, 1.0, new SkyPoint(0, 90));
        Map<String, Object> k = Wcs.keywords(pole);
        assertEquals(180.0, k.get("LONPOLE"));
        double[] out = new double[2];
        pole.tangentPlane().project(0, 80, out);
        assertEquals(0, out[0], 1e-15);
        assertEquals(-Math.tan(Math.toRadians(10)), out[1], 1e-12); // below the centre, as astropy puts it with LONPOLE 180
        assertEquals(pole, Wcs.grid(64, 64, k, "test"));
    }
}
