package org.massmap.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the eight ways the two ellipticity columns of a catalog can relate to the sky convention
 * of {@link ColumnMapping}: sky (e1, e2) = (s1·c1, s2·c2), where (c1, c2) are the catalog's
 * columns in their order or swapped, and s1, s2 = ±1 ({@code flipE1}, {@code flipE2}).
 *
 * <p>On e = e1 + i·e2 these are the eight symmetries of the square, and they differ in what they do
 * to a lensing signal (E modes, tangential shear around mass):
 * <ul>
 *   <li>e and −e (no flip, both flips): E stays E; −e reverses the sign of every tangential shear;</li>
 *   <li>±i·e (a swap and one flip): E becomes B;</li>
 *   <li>the four reflections (one flip; a swap with no flip or both): E and B mix equally on
 *       average, and tangential shear becomes a pattern that averages to zero around a lens.</li>
 * </ul>
 * So the E/B power separates {e, −e} from the rest and the sign of the stacked tangential shear
 * separates e from −e. A swap is expressed in a {@link ColumnMapping} by naming the columns the
 * other way round. Immutable.
 */
public record EllipticityConvention(boolean swap, boolean flipE1, boolean flipE2) {

    /** The eight conventions: no swap before swap, then flips (none, e1, e2, both). */
    public static List<EllipticityConvention> all() {
        List<EllipticityConvention> out = new ArrayList<>(8);
        for (boolean s : new boolean[] {false, true}) {
            out.add(new EllipticityConvention(s, false, false));
            out.add(new EllipticityConvention(s, true, false));
            out.add(new EllipticityConvention(s, false, true));
            out.add(new EllipticityConvention(s, true, true));
        }
        return List.copyOf(out);
    }

    /** The four conventions without a swap (the map.flip-e1 / map.flip-e2 combinations). */
    public static List<EllipticityConvention> flipsOnly() {
        return all().subList(0, 4);
    }

    /**
     * The column mapping that reads a catalog in this convention.
     *
     * @param catalog the catalog's own column names, flips ignored
     */
    public ColumnMapping applyTo(ColumnMapping catalog) {
        ColumnMapping m = swap ? catalog.withNames(catalog.ra(), catalog.dec(), catalog.e2(), catalog.e1()) : catalog;
        return m.withFlips(flipE1, flipE2);
    }

    /** This convention's sky ellipticity of catalog values (c1, c2): writes {e1, e2} into {@code out}. */
    public void toSky(double c1, double c2, double[] out) {
        double a = swap ? c2 : c1;
        double b = swap ? c1 : c2;
        out[0] = flipE1 ? -a : a;
        out[1] = flipE2 ? -b : b;
    }

    /**
     * A copy of {@code catalogValues} (galaxies whose e1, e2 hold the catalog's columns as they are)
     * with the ellipticities converted by this convention.
     */
    public GalaxyChunk apply(GalaxyChunk catalogValues) {
        int n = catalogValues.size();
        GalaxyChunk out = new GalaxyChunk(Math.max(1, n));
        double[] e = new double[2];
        for (int i = 0; i < n; i++) {
            toSky(catalogValues.e1()[i], catalogValues.e2()[i], e);
            out.add(catalogValues.ra()[i], catalogValues.dec()[i], e[0], e[1], catalogValues.w()[i]);
        }
        return out;
    }

    /** The sky ellipticity in terms of the catalog columns, e.g. "(e1, -e2)" or "(-e2, e1)". */
    public String label() {
        String a = swap ? "e2" : "e1";
        String b = swap ? "e1" : "e2";
        return "(" + (flipE1 ? "-" : "") + a + ", " + (flipE2 ? "-" : "") + b + ")";
    }

    /** The equivalent configuration, e.g. "flip-e2" or "swap columns, flip-e1". */
    public String settings() {
        List<String> parts = new ArrayList<>();
        if (swap) {
            parts.add("swap columns");
        }
        if (flipE1) {
            parts.add("flip-e1");
        }
        if (flipE2) {
            parts.add("flip-e2");
        }
        return parts.isEmpty() ? "no flip" : String.join(", ", parts);
    }
}
