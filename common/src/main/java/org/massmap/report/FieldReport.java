package org.massmap.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.TileGrid;
import org.massmap.io.AtomicFile;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.MapHdu;
import org.massmap.io.fits.Provenance;
import org.massmap.io.plot.Marker;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.output.PublishedTile;

/**
 * The report on a real field with known X-ray clusters, from the published products of one tile
 * mapped with one or more priors (Remy et al., Fig. 2). Writes into a directory: summary.md;
 * xray_clusters.md, .csv and .fits ({@link XrayDetectionTable}); kappa_ks_e_smoothed.fits and
 * kappa_ks_b_smoothed.fits; per posterior NAME, fig2_NAME.png (a sample, the mean, smoothed
 * Kaiser-Squires, clusters labelled with redshifts) and cutouts_NAME.png (the central region across
 * samples); bmode.png (the B-mode null map, {@link BModeNull}). Stateless.
 */
public final class FieldReport {

    /**
     * @param ksSmoothArcmin     Gaussian smoothing (std) of the Kaiser-Squires maps shown, arcmin
     * @param cutoutArcmin       side of the central region shown across samples, arcmin
     * @param cutoutSamples      samples shown in the cutouts
     * @param markerRadiusArcmin radius of the circles around clusters (the detection radius), arcmin
     * @param detected           frequency from which a cluster counts as detected in the summary
     */
    public record Options(double ksSmoothArcmin, double cutoutArcmin, int cutoutSamples, double markerRadiusArcmin, double detected) {
        public Options {
            if (!(ksSmoothArcmin >= 0) || !(cutoutArcmin > 0) || cutoutSamples < 1 || !(markerRadiusArcmin > 0)) {
                throw new IllegalArgumentException("report options out of range: " + ksSmoothArcmin + ", " + cutoutArcmin + ", "
                        + cutoutSamples + ", " + markerRadiusArcmin);
            }
        }
    }

    /**
     * One posterior of the tile.
     *
     * @param name        short name used in file and column names (e.g. "hybrid")
     * @param description one line for the summary (prior, model, samples)
     * @param location    where its tile products are, as shown in the summary
     */
    public record Posterior(String name, String description, String location, PublishedTile tile) {
    }

    /** What was written, for the console. */
    public record Result(XrayDetectionTable table, BModeNull bModes, List<String> files) {
    }

    private FieldReport() {
    }

    /** Writes the report of {@code posteriors} (all of one tile) into {@code dir}, summary.md last. */
    public static Result write(Path dir, String title, String preamble, List<XrayCluster> clusters, List<Posterior> posteriors,
            Options options, Provenance prov) throws MassmapIoException {
        if (posteriors.isEmpty()) {
            throw new IllegalArgumentException("a field report needs at least one posterior");
        }
        PublishedTile first = posteriors.get(0).tile();
        TileGrid grid = first.grid();
        for (Posterior p : posteriors) {
            if (!p.tile().grid().equals(grid)) {
                throw new IllegalArgumentException("posterior '" + p.name() + "' is on " + p.tile().grid() + ", not on " + grid);
            }
        }
        boolean[] mask = first.mask();
        List<String> files = new ArrayList<>();

        List<XrayDetectionTable.Posterior> detections = new ArrayList<>();
        for (Posterior p : posteriors) {
            detections.add(new XrayDetectionTable.Posterior(p.name(), p.tile().clusterFrequency(), p.tile().candidates()));
        }
        XrayDetectionTable table = XrayDetectionTable.of(grid, mask, clusters, detections);
        writeText(dir.resolve("xray_clusters.md"), table.markdown(), files);
        writeText(dir.resolve("xray_clusters.csv"), table.csv(), files);
        FitsTables.write(dir.resolve("xray_clusters.fits"), prov, table.fitsTable());
        files.add("xray_clusters.fits");

        double[] ksE = smooth(grid, first.ksE(), options.ksSmoothArcmin());
        double[] ksB = smooth(grid, first.ksB(), options.ksSmoothArcmin());
        FitsKeywords smoothKey = FitsKeywords.empty().with("SMOOTH", options.ksSmoothArcmin());
        FitsMaps.write(dir.resolve("kappa_ks_e_smoothed.fits"), prov, List.of(new MapHdu(SkyMap.of("KAPPA_KS_E", grid, ksE), smoothKey)));
        FitsMaps.write(dir.resolve("kappa_ks_b_smoothed.fits"), prov, List.of(new MapHdu(SkyMap.of("KAPPA_KS_B", grid, ksB), smoothKey)));
        files.add("kappa_ks_e_smoothed.fits");
        files.add("kappa_ks_b_smoothed.fits");

        List<Marker> markers = FieldFigures.clusterMarkers(grid, clusters, options.markerRadiusArcmin() / grid.pixelArcmin());
        String ksTitle = options.ksSmoothArcmin() > 0
                ? String.format(Locale.ROOT, "Kaiser-Squires (smoothed %.2g′)", options.ksSmoothArcmin()) : "Kaiser-Squires";
        int side = (int) Math.round(options.cutoutArcmin() / grid.pixelArcmin());
        for (Posterior p : posteriors) {
            PublishedTile t = p.tile();
            FieldFigures.figure2(title + ", " + p.name() + " prior (X-ray clusters labelled with their redshift)", grid, mask,
                    t.samples().get(0), t.mean(), ksE, ksTitle, markers).writePng(dir.resolve("fig2_" + p.name() + ".png"));
            files.add("fig2_" + p.name() + ".png");
            List<double[]> shown = t.samples().subList(0, Math.min(options.cutoutSamples(), t.samples().size()));
            FieldFigures.cutouts(String.format(Locale.ROOT, "%s, %s prior: the central %.0f′, %d samples and the mean", title, p.name(),
                    side * grid.pixelArcmin(), shown.size()), grid, mask, shown, t.mean(), side, markers)
                    .writePng(dir.resolve("cutouts_" + p.name() + ".png"));
            files.add("cutouts_" + p.name() + ".png");
        }
        BModeNull bModes = BModeNull.of(grid, mask, ksE, ksB, table.rows());
        FieldFigures.bModes(title + ": B-mode null map (E's colour scale)", grid, mask, ksE, ksB, markers, ksTitle)
                .writePng(dir.resolve("bmode.png"));
        files.add("bmode.png");

        String summary = "# " + title + "\n\n" + preamble + "\n" + products(posteriors, files) + "\n" + clusterSection(table, options)
                + "\n## B-mode null test\n\n" + bModes.markdown(options.ksSmoothArcmin()) + "\n![B modes](bmode.png)\n";
        writeText(dir.resolve("summary.md"), summary, files);
        return new Result(table, bModes, List.copyOf(files));
    }

    private static String products(List<Posterior> posteriors, List<String> files) {
        StringBuilder sb = new StringBuilder("## Posteriors\n\n");
        for (Posterior p : posteriors) {
            sb.append(String.format(Locale.ROOT, "- **%s**: %s. Tile products (posterior mean, std, quantiles, samples, cluster frequency"
                    + " and candidates, Kaiser-Squires, Wiener, binned shear, noise, mask): `%s`%n", p.name(), p.description(),
                    p.location()));
        }
        sb.append("\n## Figures\n\n");
        for (Posterior p : posteriors) {
            sb.append(String.format(Locale.ROOT, "![%1$s prior: sample, mean, Kaiser-Squires](fig2_%1$s.png)%n%n"
                    + "![%1$s prior: the central region across samples](cutouts_%1$s.png)%n%n", p.name()));
        }
        sb.append("Files here: ").append(String.join(", ", files.stream().map(f -> "`" + f + "`").toList())).append(", `summary.md`.\n");
        return sb.toString();
    }

    private static String clusterSection(XrayDetectionTable table, Options options) {
        StringBuilder sb = new StringBuilder("## X-ray clusters\n\n");
        sb.append(String.format(Locale.ROOT, "%d clusters listed, %d on observed pixels. Frequency: the fraction of samples with a"
                + " significant peak within the detection radius (%.2g′) of the cluster.", table.rows().size(), table.observed(),
                options.markerRadiusArcmin()));
        for (int i = 0; i < table.posteriors().size(); i++) {
            sb.append(String.format(Locale.ROOT, " %s prior: %d with frequency ≥ %.2f.", table.posteriors().get(i),
                    table.detected(i, options.detected()), options.detected()));
        }
        sb.append(" All clusters: `xray_clusters.csv`, `xray_clusters.fits`.\n\n").append(table.markdown());
        return sb.toString();
    }

    private static double[] smooth(TileGrid grid, double[] map, double arcmin) {
        return arcmin > 0 ? new GaussianSmoother(grid.nx(), grid.ny(), arcmin / grid.pixelArcmin()).smooth(map) : map.clone();
    }

    private static void writeText(Path file, String text, List<String> files) throws MassmapIoException {
        AtomicFile.writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
        if (!file.getFileName().toString().equals("summary.md")) {
            files.add(file.getFileName().toString());
        }
    }
}
