package org.massmap.output;

import java.nio.file.Path;
import java.util.List;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;
import org.massmap.io.plot.Marker;
import org.massmap.sim.Halo;
import org.massmap.sim.MockSurvey;

/**
 * Writes a mock survey: catalog.fits (table GALAXIES: ra, dec [deg], e1, e2 in the sky convention,
 * w), truth_kappa.fits (TRUTH_KAPPA), mask.fits (MASK at pixel centres), halos.fits (table HALOS:
 * ra, dec, m200 [M_sun/h], z, kappa_s, theta_s [arcmin], truncation) and truth.png.
 */
public final class MockSurveyProducts {
    private MockSurveyProducts() {
    }

    public static void write(Path dir, MockSurvey s, Provenance prov) throws MassmapIoException {
        FitsTables.write(dir.resolve("catalog.fits"), prov, FitsTable.of("GALAXIES",
                TableColumn.doubles("ra", "deg", s.ra()), TableColumn.doubles("dec", "deg", s.dec()),
                TableColumn.doubles("e1", "", s.e1()), TableColumn.doubles("e2", "", s.e2()),
                TableColumn.doubles("w", "", s.weight())));
        FitsMaps.write(dir.resolve("truth_kappa.fits"), prov, SkyMap.of("TRUTH_KAPPA", s.grid(), s.truthKappa()));
        FitsMaps.write(dir.resolve("mask.fits"), prov, SkyMap.of("MASK", s.grid(), TileProducts.maskValues(s.pixelMask())));
        List<Halo> h = s.halos();
        double[] ra = new double[h.size()];
        double[] dec = new double[h.size()];
        double[] m = new double[h.size()];
        double[] z = new double[h.size()];
        double[] ks = new double[h.size()];
        double[] ts = new double[h.size()];
        double[] c = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            ra[i] = h.get(i).position().raDeg();
            dec[i] = h.get(i).position().decDeg();
            m[i] = h.get(i).m200();
            z[i] = h.get(i).redshift();
            ks[i] = h.get(i).profile().kappaS();
            ts[i] = h.get(i).profile().thetaSRad() / TileGrid.ARCMIN;
            c[i] = h.get(i).profile().truncation();
        }
        FitsTables.write(dir.resolve("halos.fits"), prov, FitsTable.of("HALOS", TableColumn.doubles("ra", "deg", ra),
                TableColumn.doubles("dec", "deg", dec), TableColumn.doubles("m200", "Msun/h", m),
                TableColumn.doubles("z", "", z), TableColumn.doubles("kappa_s", "", ks),
                TableColumn.doubles("theta_s", "arcmin", ts), TableColumn.doubles("truncation", "", c)));
        List<Marker> markers = haloMarkers(s.grid(), h);
        MapFigure.of("Mock survey truth (" + s.galaxies() + " galaxies)", 2, List.of(
                MapPanel.of(SkyMap.of("TRUTH_KAPPA", s.grid(), s.truthKappa()), "true κ").withMarkers(markers),
                MapPanel.of(SkyMap.of("MASK", s.grid(), TileProducts.maskValues(s.pixelMask())), "mask")))
                .writePng(dir.resolve("truth.png"));
    }

    /** Smallest M200c (M_sun/h) marked on figures: the hundreds of lighter halos per deg² would bury the map. */
    public static final double MARKED_MASS = 1e14;

    /** Circles at the halos inside a grid with M200c ≥ {@link #MARKED_MASS} (or of unknown mass), labelled by log10 mass. */
    public static List<Marker> haloMarkers(TileGrid grid, List<Halo> halos) {
        TangentPlane plane = grid.tangentPlane();
        double[] xy = new double[2];
        java.util.ArrayList<Marker> out = new java.util.ArrayList<>();
        for (Halo h : halos) {
            if (h.m200() < MARKED_MASS || !plane.project(h.position().raDeg(), h.position().decDeg(), xy)) {
                continue;
            }
            double x = grid.xOf(xy[0]);
            double y = grid.yOf(xy[1]);
            if (x < 0 || y < 0 || x > grid.nx() - 1 || y > grid.ny() - 1) {
                continue;
            }
            String label = Double.isFinite(h.m200()) ? String.format(java.util.Locale.ROOT, "%.1f", Math.log10(h.m200())) : "";
            out.add(new Marker(x, y, Math.max(3, 3 * h.profile().thetaSRad() / grid.pixelRad()), label));
        }
        return out;
    }
}
