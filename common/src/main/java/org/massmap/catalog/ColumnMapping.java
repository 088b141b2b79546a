package org.massmap.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which catalog columns hold the galaxy positions, ellipticities and weights, and how the catalog's
 * ellipticity convention differs from the sky convention. Column names match case-insensitively.
 *
 * <ul>
 *   <li>{@code ra}, {@code dec}: ICRS position in degrees.</li>
 *   <li>{@code e1}, {@code e2}: ellipticity (dimensionless).</li>
 *   <li>{@code weight}: per-galaxy weight, or {@code null} when the catalog has none (every galaxy
 *       then has weight 1).</li>
 *   <li>{@code flipE1}, {@code flipE2}: negate the catalog's e1 / e2 to bring it to the sky convention.</li>
 * </ul>
 *
 * <p><b>Conventions and order of operations</b> (docs/conventions.md, Shear signs). The <i>sky convention</i> is:
 * e1 &gt; 0 is elongation along East–West (RA), e2 &gt; 0 along North-East–South-West, with position
 * angles measured from +RA (East) towards +Dec (North) in the galaxy's own local frame. A galaxy's
 * ellipticity goes to the binned map in three steps:
 * <ol>
 *   <li>reader: (e1, e2)<sub>sky</sub> = (s1·e1, s2·e2) with s = −1 where the flip switch is set
 *       ({@link #toSkyE1}, {@link #toSkyE2}); readers hand out chunks already in the sky convention;</li>
 *   <li>binner: rotate by twice the frame angle φ of {@link org.massmap.grid.TangentPlane#frameRotation}
 *       into the tile's tangent-plane (East, North) frame: e' = e·exp(2iφ);</li>
 *   <li>binner: reflect to the grid, whose x axis points West: (γ1, γ2)<sub>grid</sub> = (e'1, −e'2).</li>
 * </ol>
 * The flips must come first: they do not commute with the rotation of step 2 (a catalog whose e2
 * has the opposite sense rotates the opposite way), so they describe the catalog, not the grid.
 * Examples: a catalog whose angles run from West towards North (x West, as the grid) has
 * e = conj(e<sub>sky</sub>): set {@code flipE2}; one whose angles run from North towards East has
 * e = −conj(e<sub>sky</sub>): set {@code flipE1}; both set negates e (a 90° turn of every galaxy).
 * Check the tangential shear sign of one known cluster when unsure.
 */
public record ColumnMapping(String ra, String dec, String e1, String e2, String weight,
                            boolean flipE1, boolean flipE2) implements java.io.Serializable {

    public ColumnMapping {
        requireName("ra", ra);
        requireName("dec", dec);
        requireName("e1", e1);
        requireName("e2", e2);
        if (weight != null) {
            requireName("weight", weight);
        }
        List<String> names = new ArrayList<>(List.of(ra, dec, e1, e2));
        if (weight != null) {
            names.add(weight);
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (names.get(i).equalsIgnoreCase(names.get(j))) {
                    throw new IllegalArgumentException("catalog columns must be distinct, but '" + names.get(i)
                            + "' is mapped twice in " + names);
                }
            }
        }
    }

    /** Columns "ra", "dec", "e1", "e2", no weight column, no flips. */
    public static ColumnMapping defaults() {
        return new ColumnMapping("ra", "dec", "e1", "e2", null, false, false);
    }

    /** The same mapping with other position and ellipticity column names. */
    public ColumnMapping withNames(String raName, String decName, String e1Name, String e2Name) {
        return new ColumnMapping(raName, decName, e1Name, e2Name, weight, flipE1, flipE2);
    }

    /** The same mapping reading weights from {@code weightName} ({@code null}: all weights 1). */
    public ColumnMapping withWeight(String weightName) {
        return new ColumnMapping(ra, dec, e1, e2, weightName, flipE1, flipE2);
    }

    /** The same mapping with the given sign switches. */
    public ColumnMapping withFlips(boolean negateE1, boolean negateE2) {
        return new ColumnMapping(ra, dec, e1, e2, weight, negateE1, negateE2);
    }

    public boolean hasWeight() {
        return weight != null;
    }

    /** The catalog columns read, in the order ra, dec, e1, e2[, weight]. */
    public List<String> usedColumns() {
        List<String> names = new ArrayList<>(List.of(ra, dec, e1, e2));
        if (weight != null) {
            names.add(weight);
        }
        return Collections.unmodifiableList(names);
    }

    /** Sky-convention e1 of a catalog value (step 1 above). */
    public double toSkyE1(double catalogE1) {
        return flipE1 ? -catalogE1 : catalogE1;
    }

    /** Sky-convention e2 of a catalog value (step 1 above). */
    public double toSkyE2(double catalogE2) {
        return flipE2 ? -catalogE2 : catalogE2;
    }

    private static void requireName(String role, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the catalog column for " + role + " must be a non-blank name, got '"
                    + name + "'");
        }
    }
}
