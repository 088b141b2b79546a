package org.massmap.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.massmap.catalog.KnownCluster;
import org.massmap.catalog.ShapeNoise;
import org.massmap.config.CatalogSettings;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.spark.job.JobSpec;
import org.massmap.spark.job.SurveyJob;
import org.massmap.spark.job.TilingChoice;
import org.massmap.survey.TilingSpec;

/** Builds the survey job's specification and request from the resolved configuration (driver side). */
final class JobSpecs {
    /** Configuration sections whose values change a tile's results (they enter its fingerprint). */
    static final List<String> RESULT_SECTIONS = List.of("map", "catalog", "theory", "prior", "sampler", "clusters", "wiener");

    private JobSpecs() {
    }

    /**
     * The job's specification. With a hybrid model the prior C_ℓ is the model's own (its residual was
     * learned against exactly that Gaussian part); otherwise it comes from prior.cl-file or theory.
     */
    static JobSpec spec(Settings s, String outputUri, ModelChoice model, String truthUri) throws Exception {
        String known = s.string("clusters.known").trim();
        return spec(s, outputUri, model, truthUri, known.isEmpty() ? List.of() : KnownCluster.read(Path.of(known)));
    }

    /** As {@link #spec(Settings, String, ModelChoice, String)}, with these known clusters instead of clusters.known's. */
    static JobSpec spec(Settings s, String outputUri, ModelChoice model, String truthUri, List<KnownCluster> knownClusters)
            throws Exception {
        MapSettings m = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        double[][] table;
        if (model.metadata() != null) {
            model.requirePixel(m.pixelArcmin());
            if (!s.string("prior.cl-file").trim().isEmpty()) {
                throw new IllegalArgumentException("prior.cl-file (--cl) cannot be used with the hybrid prior: its Gaussian part is the"
                        + " C_ell the model was trained with; use --prior gaussian, or retrain the model with that C_ell");
            }
            double hi = model.metadata().sigma().hi();
            if (sampler.schedule().sigmaMax() > hi) {
                throw new IllegalArgumentException("sampler.sigma-max=" + sampler.schedule().sigmaMax() + " lies above the largest noise"
                        + " level the model was trained at (" + hi + "); lower sampler.sigma-max or retrain with a larger training.sigma.hi");
            }
            table = new double[][] {model.metadata().prior().ell(), model.metadata().prior().cl()};
        } else {
            table = TheoryConfig.priorTable(s, m.pixelArcmin());
        }
        String modelUri = model.uri();
        String modelSha = model.sha256();
        ShapeNoise noise = m.shapeNoise();
        String runId = s.string("job.run-id").trim();
        if (runId.isEmpty()) {
            runId = defaultRunId();
        }
        long minGalaxies = s.nonNegativeInt("job.min-galaxies");
        return JobSpec.builder().outputUri(outputUri).runId(runId).columns(CatalogSettings.columns(s, m)).shapeNoise(noise)
                .shearModel(m.shearModel()).embeddingMargin(m.embeddingMargin()).minGalaxies(minGalaxies).clEll(table[0]).clValues(table[1]).sampler(sampler)
                .clusters(SamplerConfig.clusters(s)).modelUri(modelUri).modelSha256(modelSha).knownClusters(knownClusters)
                .canonicalConfig(canonicalConfig(s.config())).truthUri(truthUri).force(s.bool("job.force"))
                .mosaicTaperArcmin(s.nonNegative("job.mosaic-taper-arcmin")).wienerTolerance(s.positive("wiener.tolerance"))
                .wienerMaxIterations(s.positiveInt("wiener.max-iterations")).softwareVersion(Version.current()).build();
    }

    /**
     * A fresh run id: the UTC start time and 24 random bits ({@code 20261127T085224Z-3fa9c1}), so two
     * runs started in the same second never share one.
     */
    static String defaultRunId() {
        String time = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return time + "-" + String.format("%06x", new java.security.SecureRandom().nextInt(1 << 24));
    }

    static SurveyJob.Request request(Settings s, List<String> locations) throws Exception {
        MapSettings m = MapSettings.from(s);
        TilingSpec tiling = new TilingSpec(m.size(), m.pixelArcmin(), s.nonNegative("job.overlap-arcmin"));
        Object resolved = org.massmap.io.JsonFiles.mapper().readTree(s.config().root().render(ConfigRenderOptions.concise().setJson(true)));
        long rows = s.longValue("job.rows-per-split");
        if (rows < 1) {
            throw new IllegalArgumentException("job.rows-per-split must be positive, got " + rows);
        }
        return new SurveyJob.Request(locations, rows, TilingChoice.parse(s.string("job.tiling")), tiling, m.center(), resolved);
    }

    /** The settings that change results, as canonical JSON (threads excluded: they do not change results). */
    static String canonicalConfig(Config c) {
        Config kept = c.withoutPath("sampler.threads").withOnlyPath(RESULT_SECTIONS.get(0));
        for (String section : RESULT_SECTIONS.subList(1, RESULT_SECTIONS.size())) {
            if (c.hasPath(section)) {
                kept = kept.withFallback(c.withOnlyPath(section));
            }
        }
        kept = kept.withoutPath("sampler.threads");
        return org.massmap.spark.output.CanonicalJson.ofText(kept.root().render(ConfigRenderOptions.concise().setJson(true)));
    }
}
