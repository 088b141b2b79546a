package org.massmap.spark.job;

import java.io.Serializable;
import java.util.List;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.ShapeNoise;
import org.massmap.config.SamplerConfig;
import org.massmap.lensing.ShearModel;
import org.massmap.products.KnownCluster;
import org.massmap.stats.ClusterSettings;
import org.massmap.survey.Tiling;
import org.massmap.theory.TabulatedConvergenceSpectrum;

/**
 * Everything executors need to run the survey job, resolved once on the driver and broadcast
 * (small: no catalog data, no model weights).
 *
 * @param outputUri        output root on any Hadoop file system
 * @param runId            identifier of this run (attempt directories and the run manifest carry it)
 * @param tiling           the tiles
 * @param minGalaxies      tiles with fewer galaxies are reported and not mapped
 * @param clEll            multipoles of the prior's C_ℓ table
 * @param clValues         C_ℓ of the prior (tabulated once on the driver)
 * @param modelUri         score model directory for the hybrid prior, or null for the Gaussian prior
 * @param modelSha256      checksum of that model, or null
 * @param canonicalConfig  canonical JSON of the settings that change results (enters fingerprints)
 * @param truthUri         optional known truth map for the per-tile figures, or null
 * @param force            recompute tiles even when their fingerprint is unchanged
 * @param mosaicTaperArcmin edge taper of tiles in the mosaic, arcmin
 */
public record JobSpec(String outputUri, String runId, ColumnMapping columns, ShapeNoise shapeNoise, ShearModel shearModel,
        Tiling tiling, long minGalaxies, double[] clEll, double[] clValues, SamplerConfig sampler, ClusterSettings clusters,
        String modelUri, String modelSha256, List<KnownCluster> knownClusters, String canonicalConfig, String truthUri,
        boolean force, double mosaicTaperArcmin, double wienerTolerance, int wienerMaxIterations, String softwareVersion)
        implements Serializable {

    public JobSpec {
        knownClusters = List.copyOf(knownClusters);
    }

    /** The prior's C_ℓ as an interpolating spectrum. */
    public TabulatedConvergenceSpectrum spectrum() {
        return new TabulatedConvergenceSpectrum(clEll, clValues, "the run's prior C_ell");
    }

    /** Chains per (tile, batch) task. */
    public int chainsPerTask() {
        return sampler.batchSize();
    }
}
