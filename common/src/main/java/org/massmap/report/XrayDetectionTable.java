package org.massmap.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.TableColumn;
import org.massmap.stats.ClusterCandidate;

/**
 * Known X-ray clusters against the posteriors of one tile (Remy et al., Fig. 2: which known clusters
 * do the samples show?). For each cluster and posterior: the cluster frequency at the cluster's
 * pixel, i.e. the fraction of samples with a significant peak within the detection radius
 * ({@link org.massmap.stats.ClusterDetector}), and the nearest cluster candidate with its distance
 * (great circle, arcmin). A cluster is observed when its pixel lies on the tile and in the observed
 * mask; elsewhere its frequency is NaN (the frequency map is not defined there). Positions x, y are
 * continuous 0-based pixel coordinates (NaN off the tile's tangent plane). Immutable.
 */
public final class XrayDetectionTable {

    /** One posterior's detections: its name (e.g. "hybrid"), frequency map (NaN = unobserved) and candidates. */
    public record Posterior(String name, double[] frequency, List<ClusterCandidate> candidates) {
        public Posterior {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A cluster seen by one posterior.
     *
     * @param frequency     frequency at the cluster's pixel (NaN if unobserved)
     * @param nearest       nearest candidate, or null if the posterior has none
     * @param nearestArcmin its distance, arcmin (NaN if none)
     */
    public record Detection(double frequency, ClusterCandidate nearest, double nearestArcmin) {
    }

    /** One cluster: its pixel position, whether it is observed, and one detection per posterior (in posterior order). */
    public record Row(XrayCluster cluster, double x, double y, boolean observed, List<Detection> detections) {
        public Row {
            detections = List.copyOf(detections);
        }

        /** The largest frequency over the posteriors (NaN when unobserved). */
        public double maxFrequency() {
            return detections.stream().mapToDouble(Detection::frequency).max().orElse(Double.NaN);
        }
    }

    private final List<String> posteriors;
    private final List<Row> rows;

    private XrayDetectionTable(List<String> posteriors, List<Row> rows) {
        this.posteriors = List.copyOf(posteriors);
        this.rows = List.copyOf(rows);
    }

    /** The table of {@code clusters} (in their order) on {@code grid} with observed pixels {@code mask}. */
    public static XrayDetectionTable of(TileGrid grid, boolean[] mask, List<XrayCluster> clusters, List<Posterior> posteriors) {
        if (mask.length != grid.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels but the grid " + grid + " has " + grid.size());
        }
        for (Posterior p : posteriors) {
            if (p.frequency().length != grid.size()) {
                throw new IllegalArgumentException("frequency map of '" + p.name() + "' has " + p.frequency().length
                        + " pixels but the grid " + grid + " has " + grid.size());
            }
        }
        List<Row> rows = new ArrayList<>();
        double[] xy = new double[2];
        for (XrayCluster c : clusters) {
            boolean projected = grid.tangentPlane().project(c.position().raDeg(), c.position().decDeg(), xy);
            double x = projected ? grid.xOf(xy[0]) : Double.NaN;
            double y = projected ? grid.yOf(xy[1]) : Double.NaN;
            int pixel = projected ? grid.pixelIndex(x, y) : -1;
            boolean observed = pixel >= 0 && mask[pixel];
            List<Detection> detections = new ArrayList<>();
            for (Posterior p : posteriors) {
                detections.add(detection(c.position(), observed ? p.frequency()[pixel] : Double.NaN, p.candidates()));
            }
            rows.add(new Row(c, x, y, observed, detections));
        }
        return new XrayDetectionTable(posteriors.stream().map(Posterior::name).toList(), rows);
    }

    private static Detection detection(SkyPoint at, double frequency, List<ClusterCandidate> candidates) {
        ClusterCandidate best = null;
        double bestRad = Double.POSITIVE_INFINITY;
        for (ClusterCandidate c : candidates) {
            double d = at.separationRad(new SkyPoint(c.raDeg(), c.decDeg()));
            if (d < bestRad) {
                bestRad = d;
                best = c;
            }
        }
        return new Detection(frequency, best, best == null ? Double.NaN : Math.toDegrees(bestRad) * 60);
    }

    public List<String> posteriors() {
        return posteriors;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Observed clusters. */
    public long observed() {
        return rows.stream().filter(Row::observed).count();
    }

    /** Observed clusters whose frequency in posterior {@code index} is at least {@code minFrequency}. */
    public long detected(int index, double minFrequency) {
        return rows.stream().filter(r -> r.observed() && r.detections().get(index).frequency() >= minFrequency).count();
    }

    /**
     * A markdown table of the observed clusters, most frequently detected first (then in list order),
     * with one column pair per posterior.
     */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| X-ray ID | RA (°) | Dec (°) | z |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|");
        for (String p : posteriors) {
            sb.append(' ').append(p).append(": frequency | ").append(p).append(": nearest candidate, distance (frequency) |");
            rule.append("---|---|");
        }
        sb.append('\n').append(rule).append('\n');
        List<Row> shown = new ArrayList<>(rows.stream().filter(Row::observed).toList());
        shown.sort(Comparator.comparingDouble((Row r) -> -r.maxFrequency()));
        for (Row r : shown) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.2f |", r.cluster().id(), r.cluster().position().raDeg(),
                    r.cluster().position().decDeg(), r.cluster().redshift()));
            for (Detection d : r.detections()) {
                sb.append(String.format(Locale.ROOT, " %.2f |", d.frequency()));
                sb.append(d.nearest() == null ? " none |"
                        : String.format(Locale.ROOT, " %.1f′ (%.2f) |", d.nearestArcmin(), d.nearest().frequency()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Every cluster as CSV with a header line (NaN where undefined; observed as 0/1). */
    public String csv() {
        StringBuilder sb = new StringBuilder("id,ra_deg,dec_deg,z,x,y,observed");
        for (String p : posteriors) {
            sb.append(String.format(Locale.ROOT, ",frequency_%1$s,nearest_ra_deg_%1$s,nearest_dec_deg_%1$s,nearest_arcmin_%1$s,"
                    + "nearest_frequency_%1$s", p));
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%.7f,%.7f,%.4f,%.3f,%.3f,%d", r.cluster().id(), r.cluster().position().raDeg(),
                    r.cluster().position().decDeg(), r.cluster().redshift(), r.x(), r.y(), r.observed() ? 1 : 0));
            for (Detection d : r.detections()) {
                ClusterCandidate n = d.nearest();
                sb.append(String.format(Locale.ROOT, ",%.4f,%.7f,%.7f,%.3f,%.4f", d.frequency(), n == null ? Double.NaN : n.raDeg(),
                        n == null ? Double.NaN : n.decDeg(), d.nearestArcmin(), n == null ? Double.NaN : n.frequency()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Every cluster as the FITS binary table XRAY_CLUSTERS (the CSV's columns, with units). */
    public FitsTable fitsTable() {
        int n = rows.size();
        List<TableColumn> cols = new ArrayList<>();
        cols.add(TableColumn.strings("id", rows.stream().map(r -> r.cluster().id()).toArray(String[]::new)));
        cols.add(TableColumn.doubles("ra", "deg", column(r -> r.cluster().position().raDeg())));
        cols.add(TableColumn.doubles("dec", "deg", column(r -> r.cluster().position().decDeg())));
        cols.add(TableColumn.doubles("z", "", column(r -> r.cluster().redshift())));
        cols.add(TableColumn.doubles("x", "pixel", column(Row::x)));
        cols.add(TableColumn.doubles("y", "pixel", column(Row::y)));
        int[] observed = new int[n];
        for (int i = 0; i < n; i++) {
            observed[i] = rows.get(i).observed() ? 1 : 0;
        }
        cols.add(TableColumn.ints("observed", "", observed));
        for (int k = 0; k < posteriors.size(); k++) {
            int p = k;
            String s = "_" + posteriors.get(k);
            cols.add(TableColumn.doubles("frequency" + s, "", column(r -> r.detections().get(p).frequency())));
            cols.add(TableColumn.doubles("nearest_ra" + s, "deg", column(r -> nearest(r, p) == null ? Double.NaN : nearest(r, p).raDeg())));
            cols.add(TableColumn.doubles("nearest_dec" + s, "deg",
                    column(r -> nearest(r, p) == null ? Double.NaN : nearest(r, p).decDeg())));
            cols.add(TableColumn.doubles("nearest_dist" + s, "arcmin", column(r -> r.detections().get(p).nearestArcmin())));
            cols.add(TableColumn.doubles("nearest_frequency" + s, "",
                    column(r -> nearest(r, p) == null ? Double.NaN : nearest(r, p).frequency())));
        }
        return new FitsTable("XRAY_CLUSTERS", cols, org.massmap.io.fits.FitsKeywords.empty()
                .with("TCOMM5", "continuous 0-based pixel column (FITS/DS9 pixel = x + 1)")
                .with("TCOMM6", "continuous 0-based pixel row (FITS/DS9 pixel = y + 1)"));
    }

    private static ClusterCandidate nearest(Row r, int posterior) {
        return r.detections().get(posterior).nearest();
    }

    private double[] column(java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).toArray();
    }
}
