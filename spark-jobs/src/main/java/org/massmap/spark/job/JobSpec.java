package org.massmap.spark.job;

import java.io.Serializable;
import java.util.List;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.KnownCluster;
import org.massmap.catalog.ShapeNoise;
import org.massmap.config.SamplerConfig;
import org.massmap.lensing.ShearModel;
import org.massmap.stats.ClusterSettings;
import org.massmap.survey.Tiling;
import org.massmap.theory.TabulatedConvergenceSpectrum;

/**
 * Everything executors need to run the survey job, resolved once on the driver and broadcast
 * (small: no catalog data, no model weights). Build one with {@link #builder()}; change a field of
 * an existing one with {@link #toBuilder()} (or {@link #withTiling}) instead of restating the others.
 *
 * @param outputUri        output root on any Hadoop file system
 * @param runId            identifier of this run (attempt directories and the run manifest carry it)
 * @param columns          catalog column mapping
 * @param shapeNoise       per-galaxy shape noise
 * @param shearModel       how convergence maps to the measured ellipticities
 * @param embeddingMargin  margin of the larger periodic grid each tile is inferred on, as a fraction of the
 *                         tile side (map.embedding-margin; 0 = the tile is the torus)
 * @param tiling           the tiles (null in the template a command builds; the job resolves it)
 * @param minGalaxies      tiles with fewer galaxies are reported and not mapped
 * @param clEll            multipoles of the prior's C_ℓ table
 * @param clValues         C_ℓ of the prior (tabulated once on the driver)
 * @param sampler          the sampler's settings (chains, seed, batch size ...)
 * @param clusters         cluster-candidate settings
 * @param modelUri         score model directory for the hybrid prior, or null for the Gaussian prior
 * @param modelSha256      checksum of that model, or null
 * @param knownClusters    known clusters marked in the products (copied; never null)
 * @param canonicalConfig  canonical JSON of the settings that change results (enters fingerprints)
 * @param truthUri         optional known truth map for the per-tile figures, or null
 * @param force            recompute tiles even when their fingerprint is unchanged
 * @param mosaicTaperArcmin edge taper of tiles in the mosaic, arcmin
 * @param wienerTolerance  relative residual at which the Wiener filter's solver stops
 * @param wienerMaxIterations iteration limit of that solver
 * @param softwareVersion  massmap version (provenance of the products)
 */
public record JobSpec(String outputUri, String runId, ColumnMapping columns, ShapeNoise shapeNoise, ShearModel shearModel,
        double embeddingMargin, Tiling tiling, long minGalaxies, double[] clEll, double[] clValues, SamplerConfig sampler, ClusterSettings clusters,
        String modelUri, String modelSha256, List<KnownCluster> knownClusters, String canonicalConfig, String truthUri,
        boolean force, double mosaicTaperArcmin, double wienerTolerance, int wienerMaxIterations, String softwareVersion)
        implements Serializable {

    public JobSpec {
        knownClusters = List.copyOf(knownClusters);
    }

    /** An empty builder (no known clusters; every other field null, zero or false until set). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this specification's fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This specification with {@code tiling} as its tiles. */
    public JobSpec withTiling(Tiling tiling) {
        return toBuilder().tiling(tiling).build();
    }

    /** The prior's C_ℓ as an interpolating spectrum. */
    public TabulatedConvergenceSpectrum spectrum() {
        return new TabulatedConvergenceSpectrum(clEll, clValues, "the run's prior C_ell");
    }

    /** Chains per (tile, batch) task. */
    public int chainsPerTask() {
        return sampler.batchSize();
    }

    /** Builds a {@link JobSpec} one field at a time; the setters are named as the record's components. */
    public static final class Builder {
        private String outputUri;
        private String runId;
        private ColumnMapping columns;
        private ShapeNoise shapeNoise;
        private ShearModel shearModel;
        private double embeddingMargin;
        private Tiling tiling;
        private long minGalaxies;
        private double[] clEll;
        private double[] clValues;
        private SamplerConfig sampler;
        private ClusterSettings clusters;
        private String modelUri;
        private String modelSha256;
        private List<KnownCluster> knownClusters = List.of();
        private String canonicalConfig;
        private String truthUri;
        private boolean force;
        private double mosaicTaperArcmin;
        private double wienerTolerance;
        private int wienerMaxIterations;
        private String softwareVersion;

        private Builder() {
        }

        private Builder(JobSpec s) {
            outputUri = s.outputUri;
            runId = s.runId;
            columns = s.columns;
            shapeNoise = s.shapeNoise;
            shearModel = s.shearModel;
            embeddingMargin = s.embeddingMargin;
            tiling = s.tiling;
            minGalaxies = s.minGalaxies;
            clEll = s.clEll;
            clValues = s.clValues;
            sampler = s.sampler;
            clusters = s.clusters;
            modelUri = s.modelUri;
            modelSha256 = s.modelSha256;
            knownClusters = s.knownClusters;
            canonicalConfig = s.canonicalConfig;
            truthUri = s.truthUri;
            force = s.force;
            mosaicTaperArcmin = s.mosaicTaperArcmin;
            wienerTolerance = s.wienerTolerance;
            wienerMaxIterations = s.wienerMaxIterations;
            softwareVersion = s.softwareVersion;
        }

        public Builder outputUri(String v) {
            outputUri = v;
            return this;
        }

        public Builder runId(String v) {
            runId = v;
            return this;
        }

        public Builder columns(ColumnMapping v) {
            columns = v;
            return this;
        }

        public Builder shapeNoise(ShapeNoise v) {
            shapeNoise = v;
            return this;
        }

        public Builder shearModel(ShearModel v) {
            shearModel = v;
            return this;
        }

        public Builder embeddingMargin(double v) {
            embeddingMargin = v;
            return this;
        }

        public Builder tiling(Tiling v) {
            tiling = v;
            return this;
        }

        public Builder minGalaxies(long v) {
            minGalaxies = v;
            return this;
        }

        public Builder clEll(double[] v) {
            clEll = v;
            return this;
        }

        public Builder clValues(double[] v) {
            clValues = v;
            return this;
        }

        public Builder sampler(SamplerConfig v) {
            sampler = v;
            return this;
        }

        public Builder clusters(ClusterSettings v) {
            clusters = v;
            return this;
        }

        public Builder modelUri(String v) {
            modelUri = v;
            return this;
        }

        public Builder modelSha256(String v) {
            modelSha256 = v;
            return this;
        }

        public Builder knownClusters(List<KnownCluster> v) {
            knownClusters = v;
            return this;
        }

        public Builder canonicalConfig(String v) {
            canonicalConfig = v;
            return this;
        }

        public Builder truthUri(String v) {
            truthUri = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        public Builder mosaicTaperArcmin(double v) {
            mosaicTaperArcmin = v;
            return this;
        }

        public Builder wienerTolerance(double v) {
            wienerTolerance = v;
            return this;
        }

        public Builder wienerMaxIterations(int v) {
            wienerMaxIterations = v;
            return this;
        }

        public Builder softwareVersion(String v) {
            softwareVersion = v;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(outputUri, runId, columns, shapeNoise, shearModel, embeddingMargin, tiling, minGalaxies, clEll, clValues, sampler, clusters,
                    modelUri, modelSha256, knownClusters, canonicalConfig, truthUri, force, mosaicTaperArcmin, wienerTolerance,
                    wienerMaxIterations, softwareVersion);
        }
    }
}
