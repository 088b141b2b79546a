package org.massmap.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.catalog.KnownCluster;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsCubeWriter;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;
import org.massmap.io.plot.ColorScale;
import org.massmap.io.plot.Colormap;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;
import org.massmap.io.plot.Marker;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.stats.ClusterCandidate;
import org.massmap.stats.PosteriorSummary;

/**
 * Writes a tile's posterior products into a directory: posterior_mean/std/median.fits,
 * posterior_q02.5/q16/q84/q97.5.fits, cluster_frequency.fits (summary maps, NaN outside the
 * observed mask; cluster_frequency.fits also holds NOISE_STD, the shape-noise std of the
 * aperture-smoothed statistic that calibrates peak S/N), clusters.fits (CANDIDATES and, when given,
 * KNOWN), samples.fits (cube, NAXIS3 = sample index, unmasked), chains.fits (table CHAINS of
 * per-chain diagnostics), and PNG previews: posterior_mean.png, posterior_std.png,
 * cluster_frequency.png and fig1.png (the paper's Fig. 1 layout).
 */
public final class PosteriorProducts {
    private PosteriorProducts() {
    }

    /** A known cluster's frequency in this tile. */
    public record KnownClusterFrequency(KnownCluster cluster, double frequency, boolean inTile) {
    }

    public static void write(Path dir, PosteriorSummary s, List<double[]> samples, boolean[] mask,
            List<KnownClusterFrequency> known, List<ChainDiagnostics> chains, Provenance prov) throws MassmapIoException {
        writeChains(dir.resolve("chains.fits"), chains, prov);
        TileGrid g = s.grid();
        double[] m = TileProducts.maskValues(mask);
        FitsKeywords nKey = FitsKeywords.empty().with("NSAMPLES", s.samples());
        writeMap(dir, "posterior_mean.fits", "KAPPA_MEAN", g, s.mean(), m, nKey, prov);
        writeMap(dir, "posterior_std.fits", "KAPPA_STD", g, s.std(), m, nKey, prov);
        writeMap(dir, "posterior_median.fits", "KAPPA_MEDIAN", g, s.median(), m, nKey, prov);
        writeMap(dir, "posterior_q02.5.fits", "KAPPA_Q02.5", g, s.q025(), m, nKey, prov);
        writeMap(dir, "posterior_q16.fits", "KAPPA_Q16", g, s.q16(), m, nKey, prov);
        writeMap(dir, "posterior_q84.fits", "KAPPA_Q84", g, s.q84(), m, nKey, prov);
        writeMap(dir, "posterior_q97.5.fits", "KAPPA_Q97.5", g, s.q975(), m, nKey, prov);
        FitsMaps.write(dir.resolve("cluster_frequency.fits"), prov, List.of(
                new org.massmap.io.fits.MapHdu(SkyMap.of("CLUSTER_FREQ", g, s.clusterFrequency()).masked(m),
                        nKey.with("FALSEPK", s.falsePeaksPerDeg2())),
                new org.massmap.io.fits.MapHdu(SkyMap.of("NOISE_STD", g, s.clusterNoiseStd()), FitsKeywords.empty())));
        writeClusters(dir.resolve("clusters.fits"), s, known, prov);
        try (FitsCubeWriter w = FitsCubeWriter.open(dir.resolve("samples.fits"), "SAMPLES", null, g, samples.size(), prov,
                FitsKeywords.empty())) {
            for (double[] sample : samples) {
                w.append(sample);
            }
            w.commit();
        }
        List<Marker> candidateMarkers = new ArrayList<>();
        for (ClusterCandidate c : s.candidates()) {
            candidateMarkers.add(new Marker(c.x(), c.y(), 4, String.format(Locale.ROOT, "%.2f", c.frequency())));
        }
        MapFigure.single(SkyMap.of("KAPPA_MEAN", g, s.mean()).masked(m), "Posterior mean κ (" + s.samples() + " samples)")
                .writePng(dir.resolve("posterior_mean.png"));
        MapFigure.single(SkyMap.of("KAPPA_STD", g, s.std()).masked(m), "Posterior std of κ")
                .writePng(dir.resolve("posterior_std.png"));
        MapFigure.of("Cluster frequency", 1, List.of(MapPanel.of(SkyMap.of("CLUSTER_FREQ", g, s.clusterFrequency()).masked(m),
                "fraction of samples with a peak within the radius").withScale(ColorScale.of(0, 1, Colormap.MAGMA, "frequency"))
                .withMarkers(candidateMarkers))).writePng(dir.resolve("cluster_frequency.png"));
    }

    /**
     * The paper's Fig. 1: truth (if known), mask, Kaiser-Squires and posterior mean on the top row,
     * four posterior samples below, on one colour scale.
     */
    public static MapFigure figure1(TileGrid g, double[] truth, boolean[] mask, double[] ks, double[] mean,
            List<double[]> samples, List<Marker> markers) {
        List<MapPanel> panels = new ArrayList<>();
        if (truth != null) {
            panels.add(MapPanel.of("truth", g.nx(), g.ny(), truth).withMarkers(markers));
        }
        panels.add(MapPanel.of("mask", g.nx(), g.ny(), TileProducts.maskValues(mask))
                .withScale(ColorScale.of(0, 1, Colormap.GREYS, "observed")));
        panels.add(MapPanel.of("Kaiser-Squires", g.nx(), g.ny(), ks));
        panels.add(MapPanel.of("posterior mean", g.nx(), g.ny(), mean).withMarkers(markers));
        int columns = panels.size();
        for (int i = 0; i < Math.min(columns, samples.size()); i++) {
            panels.add(MapPanel.of("sample " + (i + 1), g.nx(), g.ny(), samples.get(i)));
        }
        return MapFigure.of("Posterior samples of κ", columns, panels).withRobustSharedScale(Colormap.VIRIDIS, "κ");
    }

    private static void writeMap(Path dir, String file, String name, TileGrid g, double[] v, double[] mask,
            FitsKeywords extra, Provenance prov) throws MassmapIoException {
        FitsMaps.write(dir.resolve(file), prov, List.of(new org.massmap.io.fits.MapHdu(SkyMap.of(name, g, v).masked(mask), extra)));
    }

    private static void writeChains(Path file, List<ChainDiagnostics> chains, Provenance prov) throws MassmapIoException {
        int n = chains.size();
        int[] index = new int[n];
        long[] seed = new long[n];
        int[] iterations = new int[n];
        long[] evaluations = new long[n];
        double[] acceptance = new double[n];
        double[] step = new double[n];
        double[] sigma = new double[n];
        double[] wall = new double[n];
        int[] failed = new int[n];
        String[] failure = new String[n];
        for (int i = 0; i < n; i++) {
            ChainDiagnostics d = chains.get(i);
            index[i] = d.chain();
            seed[i] = d.seed();
            iterations[i] = d.iterations();
            evaluations[i] = d.scoreEvaluations();
            acceptance[i] = d.acceptanceRate();
            step[i] = d.finalStepSize();
            sigma[i] = d.finalSigma();
            wall[i] = d.wallSeconds();
            failed[i] = d.failed() ? 1 : 0;
            failure[i] = d.failed() ? d.failure() : "";
        }
        FitsTables.write(file, prov, FitsTable.of("CHAINS", TableColumn.ints("chain", "", index), TableColumn.longs("seed", "", seed),
                TableColumn.ints("iterations", "", iterations), TableColumn.longs("score_evaluations", "", evaluations),
                TableColumn.doubles("acceptance", "", acceptance), TableColumn.doubles("final_step_size", "", step),
                TableColumn.doubles("final_sigma", "", sigma), TableColumn.doubles("batch_wall_time", "s", wall),
                TableColumn.ints("failed", "", failed), TableColumn.strings("failure", failure)));
    }

    private static void writeClusters(Path file, PosteriorSummary s, List<KnownClusterFrequency> known, Provenance prov)
            throws MassmapIoException {
        List<ClusterCandidate> c = s.candidates();
        int n = c.size();
        double[] ra = new double[n];
        double[] dec = new double[n];
        int[] x = new int[n];
        int[] y = new int[n];
        double[] f = new double[n];
        double[] k = new double[n];
        double[] snr = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = c.get(i).raDeg();
            dec[i] = c.get(i).decDeg();
            x[i] = c.get(i).x();
            y[i] = c.get(i).y();
            f[i] = c.get(i).frequency();
            k[i] = c.get(i).meanKappa();
            snr[i] = c.get(i).meanSnr();
        }
        List<FitsTable> tables = new ArrayList<>();
        tables.add(new FitsTable("CANDIDATES", List.of(TableColumn.doubles("ra", "deg", ra), TableColumn.doubles("dec", "deg", dec),
                TableColumn.ints("x", "pixel", x), TableColumn.ints("y", "pixel", y), TableColumn.doubles("frequency", "", f),
                TableColumn.doubles("mean_kappa", "", k), TableColumn.doubles("snr_mean", "", snr)),
                FitsKeywords.empty().with("FALSEPK", s.falsePeaksPerDeg2())
                        .with("TCOMM3", "0-based pixel column (FITS/DS9 pixel = x + 1)")
                        .with("TCOMM4", "0-based pixel row (FITS/DS9 pixel = y + 1)")));
        if (known != null && !known.isEmpty()) {
            String[] names = new String[known.size()];
            double[] kra = new double[known.size()];
            double[] kdec = new double[known.size()];
            double[] kf = new double[known.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = known.get(i).cluster().name();
                kra[i] = known.get(i).cluster().position().raDeg();
                kdec[i] = known.get(i).cluster().position().decDeg();
                kf[i] = known.get(i).inTile() ? known.get(i).frequency() : Double.NaN;
            }
            tables.add(FitsTable.of("KNOWN", TableColumn.strings("name", names), TableColumn.doubles("ra", "deg", kra),
                    TableColumn.doubles("dec", "deg", kdec), TableColumn.doubles("frequency", "", kf)));
        }
        FitsTables.write(file, prov, tables);
    }
}
