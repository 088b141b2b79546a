package org.massmap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigRenderOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.Checksums;
import org.massmap.io.FitsMaps;
import org.massmap.io.JsonFiles;
import org.massmap.io.MapHdu;
import org.massmap.io.Provenance;
import org.massmap.io.SkyMap;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TilePosterior;
import org.massmap.pipeline.TileProblem;
import org.massmap.products.KaiserSquiresMaps;
import org.massmap.products.KnownCluster;
import org.massmap.products.PosteriorProducts;
import org.massmap.products.PosteriorSummary;
import org.massmap.products.TileProducts;
import org.massmap.products.TruthMaps;
import org.massmap.sampling.ChainResult;
import org.massmap.stats.ClusterSettings;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap sample}: posterior samples of one tile by annealed HMC, with summaries. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Posterior samples of the convergence of one tile by annealed HMC (multi-threaded, this machine).",
                "Writes posterior_mean/std/median/q02.5/q16/q84/q97.5.fits, cluster_frequency.fits, clusters.fits, samples.fits,",
                "kappa_ks_e.fits, kappa_wiener.fits, PNG previews (fig1.png is the paper's Fig. 1) and manifest.json."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "Shape catalog (FITS binary table or CSV).")
    Path catalog;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced atomically).")
    Path out;
    @Option(names = "--prior", paramLabel = "gaussian|hybrid", descriptionKey = "sampler.prior",
            description = "Prior: the Gaussian theory prior, or theory + neural residual (default ${DEFAULT-VALUE}).")
    String prior;
    @Option(names = "--chains", paramLabel = "N", descriptionKey = "sampler.chains", description = "Chains = samples (default ${DEFAULT-VALUE}).")
    Integer chains;
    @Option(names = "--seed", paramLabel = "S", descriptionKey = "sampler.seed", description = "Run seed (default ${DEFAULT-VALUE}).")
    Long seed;
    @Option(names = "--threads", paramLabel = "T", descriptionKey = "sampler.threads", description = "Worker threads, 0 = all cores (default ${DEFAULT-VALUE}).")
    Integer threads;
    @Option(names = "--truth", paramLabel = "FILE", description = "Known truth map (FITS with WCS) shown in fig1.png.")
    Path truth;
    @Option(names = "--known-clusters", paramLabel = "FILE", descriptionKey = "clusters.known",
            description = "Known clusters (RA,DEC,NAME lines) whose frequency is reported.")
    String known;
    @Mixin
    MapOptions map;
    @Mixin
    PriorOptions priorOptions;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        Settings s = ResolvedConfig.of(spec, config);
        MapSettings m = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        ClusterSettings clusterSettings = SamplerConfig.clusters(s);
        CommandSupport.requireFile(catalog, "--catalog");
        if (truth != null) {
            CommandSupport.requireFile(truth, "--truth");
        }
        String knownFile = s.string("clusters.known").trim();
        List<KnownCluster> knownClusters = knownFile.isEmpty() ? List.of() : KnownCluster.read(Path.of(knownFile));
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        PriorModel priorModel = PriorModels.load(sampler, s);
        PrintWriter console = spec.commandLine().getOut();

        BinnedShear binned = CommandSupport.binCatalog(catalog, s, m, console);
        TileProblem problem = new TileProblem("tile", binned, m.shearModel(), cl, priorModel, sampler);
        console.printf("sampling %d chains with the %s prior, sigma %.3g -> %.3g (%s schedule, %s mass)%n", sampler.chains(),
                priorModel.describe(), problem.hmc().sigmaMax(), problem.hmc().sigmaMin(), problem.hmc().schedule(), problem.hmc().mass());
        // chains run one batch per thread: each FFT stays on its own thread
        org.massmap.runtime.ThreadSettings.configure(1);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        List<ChainResult> results = problem.sample(0, sampler.chains(), sampler.threads(), n -> {
            int d = done.addAndGet(n);
            console.printf("  chains %d/%d done, %.0f s elapsed%n", d, sampler.chains(), (System.nanoTime() - t0) * 1e-9);
            console.flush();
        });
        List<double[]> samples = new ArrayList<>();
        for (ChainResult r : results) {
            if (r.sample() != null) {
                samples.add(r.sample());
            } else {
                console.printf("warning: chain %d stopped: %s%n", r.diagnostics().chain(), r.diagnostics().failure());
            }
        }
        PosteriorSummary summary = TilePosterior.summarize(problem, samples, clusterSettings);
        var knownFreq = TilePosterior.known(binned.grid(), summary.clusterFrequency(), knownClusters);
        KaiserSquiresMaps ks = KaiserSquiresMaps.of(binned, 0);
        WienerResult wf = new GaussianPosterior(problem.likelihood(), problem.power(), 0)
                .wienerFilter(s.positive("wiener.tolerance"), s.positiveInt("wiener.max-iterations"));
        double[] truthMap = truth == null ? null : TruthMaps.onGrid(FitsMaps.read(truth).map(), binned.grid());
        Provenance prov = CommandSupport.provenance(s).withSeed(sampler.seed());
        if (priorModel.checksum() != null) {
            prov = prov.withModelChecksum(priorModel.checksum());
        }
        Provenance p = prov;
        Map<String, Object> manifest = manifest(s, sampler, priorModel, problem, results, summary, started);
        AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> {
            TileProducts.writeBinned(dir, binned, p);
            TileProducts.writeKaiserSquires(dir, ks, p);
            FitsMaps.write(dir.resolve("kappa_wiener.fits"), p, List.of(new MapHdu(SkyMap.of("KAPPA_WIENER", binned.grid(), wf.kappa()),
                    org.massmap.io.FitsKeywords.empty().with("WFITER", wf.iterations()).with("WFRESID", wf.relativeResidual()))));
            PosteriorProducts.write(dir, summary, samples, binned.mask(), knownFreq, p);
            PosteriorProducts.figure1(binned.grid(), truthMap, binned.mask(), KaiserSquiresMaps.of(binned,
                    clusterSettings.apertureArcmin() / 2).kappaE(), summary.mean(), samples, List.of()).writePng(dir.resolve("fig1.png"));
            JsonFiles.write(dir.resolve("manifest.json"), manifest);
        });
        console.printf("wrote %d samples and their summaries to %s (%.0f s)%n", samples.size(), out,
                (System.nanoTime() - t0) * 1e-9);
        return 0;
    }

    private Map<String, Object> manifest(Settings s, SamplerConfig sampler, PriorModel prior, TileProblem problem,
            List<ChainResult> results, PosteriorSummary summary, Instant started) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "sample");
        m.put("version", Version.current());
        m.put("started", started.toString());
        m.put("finished", Instant.now().toString());
        m.put("inputs", List.of(Map.of("path", catalog.toAbsolutePath().toString(), "sha256", Checksums.sha256(catalog),
                "bytes", Files.size(catalog))));
        m.put("config", new ObjectMapper().readTree(s.config().root().render(ConfigRenderOptions.concise().setJson(true))));
        m.put("seed", sampler.seed());
        m.put("tile", Map.of("id", problem.tileId(), "centre", problem.binned().grid().centre().toString(),
                "size", problem.binned().grid().nx(), "pixel_arcmin", problem.binned().grid().pixelArcmin()));
        m.put("prior", Map.of("kind", prior.describe(), "model_sha256", prior.checksum() == null ? "" : prior.checksum()));
        m.put("sigma_max", problem.hmc().sigmaMax());
        m.put("sigma_min", problem.hmc().sigmaMin());
        List<Map<String, Object>> chains = new ArrayList<>();
        int failed = 0;
        for (ChainResult r : results) {
            var d = r.diagnostics();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("chain", d.chain());
            c.put("seed", d.seed());
            c.put("iterations", d.iterations());
            c.put("score_evaluations", d.scoreEvaluations());
            c.put("acceptance", d.acceptanceRate());
            c.put("final_step_size", d.finalStepSize());
            c.put("batch_wall_seconds", d.wallSeconds());
            c.put("acceptance_per_level", acceptancePerLevel(d));
            c.put("failure", d.failure());
            failed += d.failed() ? 1 : 0;
            chains.add(c);
        }
        m.put("chains", chains);
        m.put("failed_chains", failed);
        m.put("samples", summary.samples());
        m.put("cluster_candidates", summary.candidates().size());
        m.put("false_peaks_per_deg2", summary.falsePeaksPerDeg2());
        m.put("status", failed == 0 ? "ok" : "partial");
        return m;
    }

    private static List<double[]> acceptancePerLevel(org.massmap.sampling.ChainDiagnostics d) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < d.levelSigma().length; i++) {
            out.add(new double[] {d.levelSigma()[i], d.levelProposed()[i] == 0 ? Double.NaN
                    : (double) d.levelAccepted()[i] / d.levelProposed()[i]});
        }
        return out;
    }
}
