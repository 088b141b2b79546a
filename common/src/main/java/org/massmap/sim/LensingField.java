package org.massmap.sim;

import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearModel;

/**
 * The lensing a mock's galaxies see: a truth κ on a periodic field (row-major, dimensionless), its
 * shear γ by the Kaiser-Squires forward operator on that field, and, for a galaxy at a tangent-plane
 * point, the shear g of the field pixel the point falls in (γ, or the reduced shear γ/(1 − κ)), in
 * the grid frame (x West, y North; docs/conventions.md, Shear signs). Shared by every mock that
 * observes a simulated truth ({@link MockSurvey}, {@link CatalogPositionMock}), so they lens alike.
 *
 * <p>Also the two frame changes of a galaxy's ellipticity between the grid frame and the sky
 * convention in the galaxy's own (RA, Dec) frame, the exact inverses of the binner's
 * ({@code org.massmap.catalog.ShearBinner}): sky → grid is e·exp(2iφ) then e2 negated; grid → sky the
 * reverse. φ is the frame angle of {@link org.massmap.grid.TangentPlane#frameRotation}. Immutable.
 */
public final class LensingField {
    private final TileGrid field;
    private final double[] kappa;
    private final double[][] shear;
    private final ShearModel model;

    /**
     * @param field the periodic field the truth lives on
     * @param kappa the truth on it (row-major; kept, not copied)
     * @param model whether galaxies are sheared by γ or by γ/(1 − κ)
     */
    public LensingField(TileGrid field, double[] kappa, ShearModel model) {
        this(field, kappa, new KaiserSquires(field.nx(), field.ny()).forward(requireSize(field, kappa), null), model);
    }

    /**
     * A field with given shear maps instead of the Kaiser-Squires shear of κ (e.g. a constant shear, which no
     * κ on a torus has).
     *
     * @param shear {γ1, γ2} on the field, grid frame (row-major; kept, not copied)
     */
    public LensingField(TileGrid field, double[] kappa, double[][] shear, ShearModel model) {
        requireSize(field, kappa);
        if (shear.length != 2 || shear[0].length != field.size() || shear[1].length != field.size()) {
            throw new IllegalArgumentException("the shear must be two maps of the field's " + field.size() + " pixels");
        }
        this.field = field;
        this.kappa = kappa;
        this.shear = shear;
        this.model = model;
    }

    private static double[] requireSize(TileGrid field, double[] kappa) {
        if (kappa.length != field.size()) {
            throw new IllegalArgumentException("the truth has " + kappa.length + " pixels, the field " + field + " has " + field.size());
        }
        return kappa;
    }

    public TileGrid field() {
        return field;
    }

    /** The field pixel containing tangent-plane point (ξ, η), radians (clamped to the field). */
    public int pixelOf(double xi, double eta) {
        int ix = (int) Math.max(0, Math.min(field.nx() - 1, Math.round(field.xOf(xi))));
        int iy = (int) Math.max(0, Math.min(field.ny() - 1, Math.round(field.yOf(eta))));
        return iy * field.nx() + ix;
    }

    /** Writes {g1, g2} of field pixel {@code pixel} (grid frame) into {@code out}: γ, or γ/(1 − κ) for reduced shear. */
    public void shearAt(int pixel, double[] out) {
        double g1 = shear[0][pixel];
        double g2 = shear[1][pixel];
        if (model == ShearModel.REDUCED_SHEAR) {
            g1 /= 1 - kappa[pixel];
            g2 /= 1 - kappa[pixel];
        }
        out[0] = g1;
        out[1] = g2;
    }

    /**
     * The truth on {@code tile}, cut from the field's centre: the tile must have the field's pixel size
     * and centre and sit on its pixels ((field side − tile side) even).
     */
    public double[] cut(TileGrid tile) {
        int dx = field.nx() - tile.nx();
        int dy = field.ny() - tile.ny();
        if (dx < 0 || dy < 0 || dx % 2 != 0 || dy % 2 != 0 || tile.pixelRad() != field.pixelRad()
                || !tile.centre().equals(field.centre())) {
            throw new IllegalArgumentException("the tile " + tile + " does not sit on the pixels of the field " + field);
        }
        double[] out = new double[tile.size()];
        int ox = dx / 2;
        int oy = dy / 2;
        for (int iy = 0; iy < tile.ny(); iy++) {
            System.arraycopy(kappa, (iy + oy) * field.nx() + ox, out, iy * tile.nx(), tile.nx());
        }
        return out;
    }

    /** e = (e_s + g)/(1 + g* e_s) in complex arithmetic (Seitz &amp; Schneider 1997, |g| &lt; 1), every argument in one frame. */
    public static double[] lensed(double[] es, double g1, double g2) {
        double nr = es[0] + g1;
        double ni = es[1] + g2;
        double dr = 1 + g1 * es[0] + g2 * es[1]; // 1 + conj(g)·e_s
        double di = g1 * es[1] - g2 * es[0];
        double d2 = dr * dr + di * di;
        return new double[] {(nr * dr + ni * di) / d2, (ni * dr - nr * di) / d2};
    }

    /**
     * A grid-frame ellipticity in the sky convention of the galaxy's local frame: e2 negated, then
     * turned by −2φ ({@code cos2phi}, {@code sin2phi}: cos 2φ, sin 2φ of the galaxy's frame angle).
     */
    public static double[] gridToSky(double[] e, double cos2phi, double sin2phi) {
        double t1 = e[0];
        double t2 = -e[1];
        return new double[] {t1 * cos2phi + t2 * sin2phi, -t1 * sin2phi + t2 * cos2phi};
    }

    /** The inverse of {@link #gridToSky}: turned by +2φ, then e2 negated (the binner's steps). */
    public static double[] skyToGrid(double e1, double e2, double cos2phi, double sin2phi) {
        double t1 = e1 * cos2phi - e2 * sin2phi;
        double t2 = e1 * sin2phi + e2 * cos2phi;
        return new double[] {t1, -t2};
    }
}
