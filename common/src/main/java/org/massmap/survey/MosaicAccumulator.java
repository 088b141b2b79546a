package org.massmap.survey;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.healpix.Healpix;
import org.massmap.healpix.HealpixOrdering;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.TableColumn;

/**
 * Blends per-tile maps into one survey-wide HEALPix map: every HEALPix pixel gets the weighted
 * mean Σ w·v / Σ w of what the tiles covering it say, with the weight w of each tile falling to 0
 * towards its edges ({@link EdgeTaper}) so overlaps blend without seams. Tile maps are flat
 * row-major arrays on their {@link TileGrid} (docs/conventions.md, Grid); NaN pixels are masked and
 * contribute nothing.
 *
 * <p>The sums are sparse (pixel → (Σ w·v, Σ w)) and partial accumulators over different tiles
 * {@link #merge} into the accumulator of all of them (up to floating-point rounding), so Spark
 * executors can build partial mosaics and combine them. Serializable; mutable and not thread-safe:
 * one accumulator per task.
 *
 * <pre>{@code
 * MosaicAccumulator acc = MosaicAccumulator.forPixelSize(0.5, new EdgeTaper(8), Resampling.BILINEAR);
 * for (SkyMap m : tileMeans) acc.add(m);
 * HealpixMosaic mosaic = HealpixMosaic.join(List.of(acc.result("KAPPA_MEAN", null), acc.weights()));
 * mosaic.writeFits(out.resolve("mosaic_kappa_mean.fits"), "KAPPA_MEAN", provenance);
 * MosaicPreview.figure(mosaic, "KAPPA_MEAN", "posterior mean κ").writePng(out.resolve("mosaic_kappa_mean.png"));
 * }</pre>
 */
public final class MosaicAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long nside;
    private final HealpixOrdering ordering;
    private final EdgeTaper taper;
    private final Resampling resampling;
    private final PixelSums sums = new PixelSums();
    private transient Healpix healpix;

    /** An empty mosaic on the HEALPix grid {@code healpix}, numbered in {@code ordering}. */
    public MosaicAccumulator(Healpix healpix, HealpixOrdering ordering, EdgeTaper taper, Resampling resampling) {
        this.nside = healpix.nside();
        this.ordering = Objects.requireNonNull(ordering, "ordering");
        this.taper = Objects.requireNonNull(taper, "taper");
        this.resampling = Objects.requireNonNull(resampling, "resampling");
        this.healpix = healpix;
        if (ordering == HealpixOrdering.NESTED && !healpix.supportsNested()) {
            throw new IllegalArgumentException("NESTED mosaics need nside to be a power of 2, got " + nside);
        }
    }

    /**
     * A NESTED mosaic at the resolution matching tiles of {@code pixelArcmin} pixels: the coarsest
     * power-of-2 nside whose pixels are no larger ({@link Healpix#ofResolution}).
     */
    public static MosaicAccumulator forPixelSize(double pixelArcmin, EdgeTaper taper, Resampling resampling) {
        return new MosaicAccumulator(Healpix.ofResolution(pixelArcmin), HealpixOrdering.NESTED, taper, resampling);
    }

    public Healpix healpix() {
        if (healpix == null) {
            healpix = new Healpix(nside);
        }
        return healpix;
    }

    public HealpixOrdering ordering() {
        return ordering;
    }

    /** Number of HEALPix pixels with some weight so far. */
    public int pixelCount() {
        return sums.size();
    }

    /** Adds one tile map (NaN = masked). */
    public void add(SkyMap map) {
        add(map.grid(), map.values());
    }

    /** Adds one tile map given as its grid and row-major values (NaN = masked). */
    public void add(TileGrid grid, double[] values) {
        if (values.length != grid.size()) {
            throw new IllegalArgumentException("a map on " + grid + " needs " + grid.size() + " values, got " + values.length);
        }
        if (resampling == Resampling.AVERAGE) {
            addAveraged(grid, values);
        } else {
            addInterpolated(grid, values);
        }
    }

    /** Each finite tile pixel goes, with its taper weight, to the HEALPix pixel holding its centre. */
    private void addAveraged(TileGrid grid, double[] values) {
        Healpix hp = healpix();
        TangentPlane plane = grid.tangentPlane();
        for (int iy = 0; iy < grid.ny(); iy++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                double v = values[iy * grid.nx() + ix];
                double w = taper.weight(ix, iy, grid.nx(), grid.ny(), grid.pixelArcmin());
                if (Double.isNaN(v) || w <= 0) {
                    continue;
                }
                SkyPoint c = plane.deproject(grid.xiOf(ix), grid.etaOf(iy));
                sums.add(hp.pixel(ordering, c.raDeg(), c.decDeg()), w * v, w);
            }
        }
    }

    /** Each HEALPix pixel centre on the tile samples the map bilinearly, with the taper weight there. */
    private void addInterpolated(TileGrid grid, double[] values) {
        Healpix hp = healpix();
        TangentPlane plane = grid.tangentPlane();
        double dc = grid.centre().decDeg();
        double ra0 = grid.centre().raDeg();
        double radius = Math.toDegrees(Math.atan(Math.hypot(grid.nx(), grid.ny()) / 2 * grid.pixelRad())); // centre to corner
        boolean pole = dc + radius >= 90 || dc - radius <= -90;
        long first = Math.max(1, (long) Math.floor(hp.ringCoordinate(Math.min(90, dc + radius))));
        long last = Math.min(hp.ringCount(), (long) Math.ceil(hp.ringCoordinate(Math.max(-90, dc - radius))));
        double cosRadius = Math.cos(Math.toRadians(radius));
        double[] xy = new double[2];
        for (long i = first; i <= last; i++) {
            Healpix.Ring ring = hp.ring(i);
            double d = Math.toRadians(ring.decDeg());
            double reach = 180;
            if (!pole) { // RA half-width of the circle of radius `radius` about the centre, at this ring's Dec
                double q = (cosRadius - Math.sin(d) * Math.sin(Math.toRadians(dc))) / (Math.cos(d) * Math.cos(Math.toRadians(dc)));
                if (q > 1) {
                    continue;
                }
                reach = q < -1 ? 180 : Math.toDegrees(Math.acos(q));
            }
            long kLo = (long) Math.ceil((ra0 - reach - ring.firstRaDeg()) / ring.stepRaDeg());
            long kHi = (long) Math.floor((ra0 + reach - ring.firstRaDeg()) / ring.stepRaDeg());
            if (kHi - kLo + 1 >= ring.pixels()) {
                kLo = 0;
                kHi = ring.pixels() - 1;
            }
            for (long k = kLo; k <= kHi; k++) {
                long kk = Math.floorMod(k, ring.pixels());
                double ra = SkyPoint.normaliseRa(ring.firstRaDeg() + kk * ring.stepRaDeg());
                if (!plane.project(ra, ring.decDeg(), xy)) {
                    continue;
                }
                double x = grid.xOf(xy[0]);
                double y = grid.yOf(xy[1]);
                double w = taper.weight(x, y, grid.nx(), grid.ny(), grid.pixelArcmin());
                if (w <= 0) {
                    continue;
                }
                double v = sample(grid, values, x, y);
                if (!Double.isNaN(v)) {
                    long p = ordering == HealpixOrdering.RING ? ring.firstPixel() + kk : hp.pixel(ordering, ra, ring.decDeg());
                    sums.add(p, w * v, w);
                }
            }
        }
    }

    /**
     * Bilinear interpolation at continuous pixel coordinates (x, y) in [−½, n − ½], extrapolated
     * linearly over the outer half pixel; the nearest pixel where a neighbour is NaN.
     */
    static double sample(TileGrid grid, double[] values, double x, double y) {
        int nx = grid.nx();
        int ny = grid.ny();
        int x0 = Math.max(0, Math.min(nx - 2, (int) Math.floor(x)));
        int y0 = Math.max(0, Math.min(ny - 2, (int) Math.floor(y)));
        double fx = x - x0; // in [−½, 3/2] at the edges
        double fy = y - y0;
        double v00 = values[y0 * nx + x0];
        double v10 = values[y0 * nx + x0 + 1];
        double v01 = values[(y0 + 1) * nx + x0];
        double v11 = values[(y0 + 1) * nx + x0 + 1];
        double v = (1 - fy) * ((1 - fx) * v00 + fx * v10) + fy * ((1 - fx) * v01 + fx * v11);
        if (!Double.isNaN(v)) {
            return v;
        }
        int ix = (int) Math.max(0, Math.min(nx - 1, Math.round(x)));
        int iy = (int) Math.max(0, Math.min(ny - 1, Math.round(y)));
        return values[iy * nx + ix];
    }

    /** Adds the sums of {@code other} (same grid, ordering, taper and resampling); returns this. */
    public MosaicAccumulator merge(MosaicAccumulator other) {
        if (other.nside != nside || other.ordering != ordering || !other.taper.equals(taper) || other.resampling != resampling) {
            throw new IllegalArgumentException("cannot merge mosaics built differently: nside " + nside + "/" + other.nside + ", " + ordering
                    + "/" + other.ordering + ", " + taper + "/" + other.taper + ", " + resampling + "/" + other.resampling);
        }
        sums.addAll(other.sums);
        return this;
    }

    /** The blended map: pixels in increasing order, one column {@code name} (unit, or null) with Σ w·v / Σ w. */
    public HealpixMosaic result(String name, String unit) {
        long[] pixels = sums.sortedPixels();
        double[] value = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            value[i] = sums.weightedValue(pixels[i]) / sums.weight(pixels[i]);
        }
        return new HealpixMosaic(healpix(), ordering, pixels, List.of(TableColumn.doubles(name, unit, value)));
    }

    /**
     * The total weight Σ w per pixel, as a column {@code WEIGHT}: about the number of tiles that saw
     * the pixel (less near tile edges); join it to the values with {@link HealpixMosaic#join}.
     */
    public HealpixMosaic weights() {
        long[] pixels = sums.sortedPixels();
        double[] weight = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            weight[i] = sums.weight(pixels[i]);
        }
        return new HealpixMosaic(healpix(), ordering, pixels, List.of(TableColumn.doubles("WEIGHT", null, weight)));
    }
}
