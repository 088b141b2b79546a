package org.massmap.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.grid.TileGrid;

/**
 * Where a mock survey measures galaxies, in a tile's tangent plane: inside a footprint (a square
 * of a given fraction of the tile side, rotated about the centre, like the COSMOS mosaic) and
 * outside holes around bright stars (discs) and detector gaps (straight bands). Geometry in
 * radians of standard coordinates (xi East, eta North). Immutable.
 */
public final class SurveyMask {
    private record Disc(double xi, double eta, double radius) {
    }

    private record Band(double nx, double ny, double offset, double halfWidth) {
    }

    private final double footprintHalfSide;
    private final double cosRot;
    private final double sinRot;
    private final List<Disc> holes;
    private final List<Band> gaps;

    private SurveyMask(double footprintHalfSide, double rotation, List<Disc> holes, List<Band> gaps) {
        this.footprintHalfSide = footprintHalfSide;
        this.cosRot = Math.cos(rotation);
        this.sinRot = Math.sin(rotation);
        this.holes = List.copyOf(holes);
        this.gaps = List.copyOf(gaps);
    }

    /** A mask that keeps the whole tile (and beyond). */
    public static SurveyMask none() {
        return new SurveyMask(Double.POSITIVE_INFINITY, 0, List.of(), List.of());
    }

    /**
     * Draws a mask for a tile from the given shape parameters.
     *
     * @param spec shape parameters (footprint size and rotation, star-hole density and radii, gaps)
     */
    public static SurveyMask draw(TileGrid grid, MaskSpec spec, RandomGenerator rng) {
        double side = Math.min(grid.nx(), grid.ny()) * grid.pixelRad();
        double half = 0.5 * side * spec.footprintFraction();
        double areaDeg2 = grid.areaDeg2();
        int nHoles = poisson(spec.starHolesPerDeg2() * areaDeg2, rng);
        List<Disc> holes = new ArrayList<>();
        double arcmin = TileGrid.ARCMIN;
        double halfX = 0.5 * grid.nx() * grid.pixelRad();
        double halfY = 0.5 * grid.ny() * grid.pixelRad();
        for (int i = 0; i < nHoles; i++) {
            double lo = Math.log(spec.holeRadiusMinArcmin());
            double hi = Math.log(spec.holeRadiusMaxArcmin());
            double r = Math.exp(lo + (hi - lo) * rng.nextDouble()) * arcmin;
            holes.add(new Disc((2 * rng.nextDouble() - 1) * halfX, (2 * rng.nextDouble() - 1) * halfY, r));
        }
        List<Band> gaps = new ArrayList<>();
        for (int i = 0; i < spec.gaps(); i++) {
            double angle = spec.footprintRotationDeg() * Math.PI / 180 + (i % 2 == 0 ? 0 : Math.PI / 2);
            double offset = (2 * rng.nextDouble() - 1) * 0.6 * half;
            gaps.add(new Band(Math.cos(angle), Math.sin(angle), offset, 0.5 * spec.gapWidthArcmin() * arcmin));
        }
        return new SurveyMask(spec.footprintFraction() >= 10 ? Double.POSITIVE_INFINITY : half,
                Math.toRadians(spec.footprintRotationDeg()), holes, gaps);
    }

    /** True where the survey measures galaxies. */
    public boolean observed(double xi, double eta) {
        double u = cosRot * xi + sinRot * eta;
        double v = -sinRot * xi + cosRot * eta;
        if (Math.abs(u) > footprintHalfSide || Math.abs(v) > footprintHalfSide) {
            return false;
        }
        for (Disc d : holes) {
            double dx = xi - d.xi;
            double dy = eta - d.eta;
            if (dx * dx + dy * dy < d.radius * d.radius) {
                return false;
            }
        }
        for (Band b : gaps) {
            if (Math.abs(b.nx * xi + b.ny * eta - b.offset) < b.halfWidth) {
                return false;
            }
        }
        return true;
    }

    /** The mask evaluated at pixel centres of a grid (true = observed). */
    public boolean[] pixelMask(TileGrid grid) {
        boolean[] m = new boolean[grid.size()];
        for (int iy = 0; iy < grid.ny(); iy++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                m[iy * grid.nx() + ix] = observed(grid.xiOf(ix), grid.etaOf(iy));
            }
        }
        return m;
    }

    static int poisson(double mean, RandomGenerator rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 500) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
