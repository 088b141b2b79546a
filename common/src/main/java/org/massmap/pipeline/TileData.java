package org.massmap.pipeline;

import org.massmap.catalog.BinnedShear;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileEmbedding;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.Schedule;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;

/**
 * The part of one tile that needs no prior model: its binned shear, the masked Gaussian shear
 * likelihood, the Gaussian prior's power map and the Fourier-diagonal approximation of the
 * posterior built from them. Enough for the Kaiser-Squires and Wiener maps, the resolved annealing
 * schedule and a tile's published products; {@link TileProblem} adds a prior model's score to
 * sample it.
 *
 * <p>With a margin ({@link TileEmbedding}), the likelihood, the power map, the approximation and the
 * score run on the larger periodic grid {@link #inferenceGrid()}, the tile's data in its centre and no
 * data in the margin; {@link #binned()} stays the tile's, and the maps this class returns
 * ({@link #wienerFilter}, {@link #kaiserSquires}) are cropped back to the tile. Immutable.
 */
public final class TileData {
    private final BinnedShear binned;
    private final TileEmbedding embedding;
    private final BinnedShear embedded;
    private final ShearLikelihood likelihood;
    private final PowerMap power;
    private final PowerMap tilePower;
    private final GaussianApproximation approximation;

    /**
     * @param model the shear model of the likelihood (shear or reduced shear)
     * @param cl    the Gaussian prior's convergence power spectrum
     * @throws IllegalArgumentException for a tile without galaxies
     */
    public TileData(BinnedShear binned, ShearModel model, ConvergenceSpectrum cl) {
        this(binned, model, cl, 0);
    }

    /**
     * @param model          the shear model of the likelihood (shear or reduced shear)
     * @param cl             the Gaussian prior's convergence power spectrum
     * @param marginFraction the margin of the larger periodic grid the tile is embedded in, as a fraction
     *                       of the tile side ({@link TileEmbedding#of}; 0 = the tile is the torus)
     * @throws IllegalArgumentException for a tile without galaxies or a margin outside [0, 4]
     */
    public TileData(BinnedShear binned, ShearModel model, ConvergenceSpectrum cl, double marginFraction) {
        this.binned = binned;
        this.embedding = TileEmbedding.of(binned.grid(), marginFraction);
        this.embedded = binned.embeddedIn(embedding);
        this.likelihood = TileInference.likelihood(embedded, model);
        this.power = TileInference.power(embedded.grid(), cl);
        this.tilePower = embedding.isIdentity() ? power : TileInference.power(binned.grid(), cl);
        this.approximation = new GaussianApproximation(likelihood, power);
    }

    /** The tile's binned shear (on the tile grid). */
    public BinnedShear binned() {
        return binned;
    }

    /** How the tile sits in the grid the inference runs on. */
    public TileEmbedding embedding() {
        return embedding;
    }

    /** The periodic grid of the likelihood, the power map and the samplers' states (the tile when the margin is 0). */
    public TileGrid inferenceGrid() {
        return embedding.outer();
    }

    /** The binned shear on {@link #inferenceGrid()} (the tile's own for margin 0). */
    public BinnedShear inferenceShear() {
        return embedded;
    }

    /**
     * The Kaiser-Squires maps of the tile, on the inference grid and cropped back to the tile
     * ({@link TileInference#kaiserSquires}).
     */
    public KaiserSquiresMaps kaiserSquires(double smoothArcmin) {
        return TileInference.kaiserSquires(binned, embedding, smoothArcmin);
    }

    public ShearLikelihood likelihood() {
        return likelihood;
    }

    /** The Gaussian prior's power map on {@link #inferenceGrid()}. */
    public PowerMap power() {
        return power;
    }

    /** The Gaussian prior's power map on the tile grid ({@link #power()} itself for margin 0), for statistics of cropped samples. */
    public PowerMap tilePower() {
        return tilePower;
    }

    /** The Fourier-diagonal approximation of the posterior under the Gaussian prior (mass matrix, σ_min). */
    public GaussianApproximation approximation() {
        return approximation;
    }

    /**
     * The annealing schedule of {@code sampler} with σ_min resolved on this tile.
     *
     * @throws IllegalArgumentException when the resolved σ_min is not below σ_max
     */
    public Schedule schedule(SamplerConfig sampler) {
        return sampler.resolvedSchedule(approximation);
    }

    /**
     * The Wiener-filter map: the posterior mean under the Gaussian prior, by conjugate gradients on
     * {@link #inferenceGrid()}, cropped to the tile.
     */
    public WienerResult wienerFilter(double tolerance, int maxIterations) {
        return crop(new GaussianPosterior(likelihood, power, 0).wienerFilter(tolerance, maxIterations));
    }

    /** A Wiener result of the inference grid cropped to the tile (itself for margin 0). */
    public WienerResult crop(WienerResult onInferenceGrid) {
        if (embedding.isIdentity()) {
            return onInferenceGrid;
        }
        return new WienerResult(embedding.crop(onInferenceGrid.kappa()), onInferenceGrid.iterations(),
                onInferenceGrid.relativeResidual(), onInferenceGrid.converged());
    }
}
