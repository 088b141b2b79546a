package org.massmap.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massmap.config.Setting.Range;
import org.massmap.config.Setting.Type;
import org.massmap.lensing.ShearModel;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.Schedule;
import org.massmap.theory.NonLinear;

/**
 * Every configuration key, declared once: type, unit, one-line description and accepted values. The
 * defaults are the values in {@code conf/massmap.conf} (bundled as {@value ConfigLoader#DEFAULTS_RESOURCE});
 * {@code SettingRegistryTest} checks that every key there is declared here and every key declared here
 * has a default there that its declaration accepts. {@link ConfigValidator} checks every layer against
 * these declarations when the configuration is loaded; {@link Settings} refuses to read an undeclared key.
 *
 * <p>Choices of enums that live outside this module ({@code training.activation}, {@code
 * training.sigma.kind}, {@code cosmos.priors}) are spelled out here and checked against their enum by a
 * test in that module.
 */
public final class SettingRegistry {
    private static final Map<String, Setting> BY_KEY = declare();

    private SettingRegistry() {
    }

    /** Every declaration, in the order of conf/massmap.conf. */
    public static List<Setting> all() {
        return List.copyOf(BY_KEY.values());
    }

    /** The declaration of a key, if it is one. */
    public static Optional<Setting> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /**
     * The declared keys closest to an unknown one (edit distance over the whole key, or over its last
     * part when the section differs or is missing), best first; empty when none is close.
     */
    public static List<String> suggestions(String unknown) {
        int best = Integer.MAX_VALUE;
        List<String> found = new ArrayList<>();
        for (String key : BY_KEY.keySet()) {
            int d = distance(unknown, key);
            if (d < best) {
                best = d;
                found.clear();
            }
            if (d == best) {
                found.add(key);
            }
        }
        int allowed = Math.max(2, lastPart(unknown).length() / 3);
        return best <= allowed ? Collections.unmodifiableList(found.subList(0, Math.min(3, found.size()))) : List.of();
    }

    private static int distance(String unknown, String key) {
        int whole = levenshtein(unknown, key);
        int dot = unknown.lastIndexOf('.');
        // a known name in another section (map.chains) or without its section (levels) is one step away
        int penalty = dot < 0 ? 0 : 1;
        return Math.min(whole, levenshtein(lastPart(unknown), lastPart(key)) + penalty);
    }

    private static String lastPart(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Edits (insert, delete, substitute) turning a into b. */
    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, Setting> declare() {
        Map<String, Setting> m = new LinkedHashMap<>();
        Declarations d = new Declarations(m);
        d.integer("map.size", Range.atLeast(4), "pixels", "Pixels per side of a (square) tile.");
        d.number("map.pixel-arcmin", Range.positive(), "arcmin", "Pixel side.");
        d.text("map.center", "Tile centre \"RA,DEC\" in degrees; empty = the catalog's centre.");
        d.number("map.sigma-e", new Range(0, true, 2, false), "", "Per-component shape noise of one galaxy; 0 = measure it from the catalog.");
        d.flag("map.flip-e1", "Negate e1 of the input catalog.");
        d.flag("map.flip-e2", "Negate e2 of the input catalog.");
        d.choice("map.shear-model", ShearModel.class, "What ellipticities estimate (reduced shear g = gamma / (1 - kappa)).");
        d.number("map.embedding-margin", Range.closed(0, org.massmap.grid.TileEmbedding.MAX_FRACTION), "fraction of the tile side",
                "Extra side of the periodic grid each tile is inferred on, no data in the margin; 0 = the tile is the torus.");

        d.text("catalog.ra", "Column of right ascensions, degrees.");
        d.text("catalog.dec", "Column of declinations, degrees.");
        d.text("catalog.e1", "Column of the first ellipticity component.");
        d.text("catalog.e2", "Column of the second ellipticity component.");
        d.text("catalog.weight", "Weight column; empty = every galaxy has weight 1.");

        d.number("ks.smooth-arcmin", Range.nonNegative(), "arcmin", "Gaussian smoothing (std) of the Kaiser-Squires maps; 0 = none.");

        d.number("theory.omega-c", Range.nonNegative(), "", "Cold dark matter density parameter today.");
        d.number("theory.omega-b", Range.nonNegative(), "", "Baryon density parameter today.");
        d.number("theory.h", Range.open(0, 10), "", "H0 / (100 km/s/Mpc).");
        d.number("theory.sigma8", Range.positive(), "", "sigma_8 today (linear, 8 Mpc/h top hat).");
        d.number("theory.ns", Range.open(0, 2), "", "Primordial spectral index.");
        d.number("theory.w0", null, "", "Dark energy equation of state today.");
        d.number("theory.wa", null, "", "Evolution of the dark energy equation of state (CPL).");
        d.number("theory.t-cmb", Range.positive(), "K", "CMB temperature today, used by the transfer functions.");
        d.choice("theory.transfer", "Linear transfer function (eh: Eisenstein & Hu 1998 with baryon wiggles).", "bbks", "eh",
                "eh-nowiggle");
        d.choice("theory.nonlinear", NonLinear.class, "Non-linear correction (halofit: Takahashi et al. 2012).");
        d.text("theory.nz", "Source redshifts: plane:ZS, gaussian:MEAN,SIGMA or file:PATH.");
        d.number("theory.ell-min", Range.positive(), "", "Smallest multipole tabulated for the prior.");
        d.number("theory.ell-max", Range.positive(), "", "Largest multipole tabulated for the prior.");

        d.text("prior.cl-file", "Tabulated C_ell (ell, C_ell; text or FITS) for the Gaussian prior; empty = from theory.");

        d.number("wiener.tolerance", Range.positive(), "", "Relative residual of the normal equations at which CG stops.");
        d.integer("wiener.max-iterations", Range.positive(), "", "Largest number of conjugate-gradient iterations.");

        d.integer("sampler.chains", Range.atLeast(2), "", "Independent chains (= posterior samples) per tile.");
        d.longInteger("sampler.seed", null, "", "Seed of the run.");
        d.choice("sampler.prior", SamplerConfig.Prior.class, "Prior: gaussian (theory only) or hybrid (theory + neural residual).");
        d.text("sampler.model", "Model directory of the hybrid prior; empty = the bundled model at map.pixel-arcmin.");
        d.choice("sampler.schedule", Schedule.Kind.class, "Annealing schedule: fixed geometric ladder or adaptive drops.");
        d.number("sampler.sigma-max", Range.positive(), "", "Noise level at the start of annealing.");
        d.numberOrAuto("sampler.sigma-min", Range.positive(), "",
                "Noise level at the end of annealing; auto = from sampler.sigma-min-tolerance.");
        d.number("sampler.sigma-min-tolerance", Range.positive(), "", "Allowed inflation of the posterior std when sigma-min is auto.");
        d.integer("sampler.levels", Range.positive(), "", "Levels of the geometric schedule (at least 2).");
        d.integer("sampler.steps-per-level", Range.positive(), "", "HMC iterations per level of the geometric schedule.");
        d.number("sampler.drop-factor", Range.open(0, 1), "", "Factor of each drop of the adaptive schedule.");
        d.integer("sampler.min-steps-per-level", Range.nonNegative(), "", "Least HMC iterations per level of the adaptive schedule.");
        d.integer("sampler.max-iterations", Range.positive(), "", "Largest number of iterations of the adaptive schedule.");
        d.integer("sampler.final-steps", Range.nonNegative(), "", "Iterations at sigma-min after annealing (step size frozen).");
        d.integer("sampler.leapfrog-steps", Range.positive(), "", "Leapfrog steps per HMC iteration.");
        d.choice("sampler.mass", MassKind.class, "HMC mass matrix: fourier (Gaussian posterior precision) or identity.");
        d.number("sampler.step-size", Range.positive(), "", "Initial step-size constant.");
        d.number("sampler.target-acceptance", Range.open(0, 1), "", "Acceptance rate the step size adapts to.");
        d.flag("sampler.probability-flow", "Finish with the probability-flow ODE from sigma-min to ode-sigma-end.");
        d.integer("sampler.ode-steps", Range.positive(), "", "Steps of the probability-flow ODE.");
        d.number("sampler.ode-sigma-end", Range.nonNegative(), "", "Noise level at the end of the probability-flow ODE.");
        d.integer("sampler.batch-size", Range.positive(), "", "Chains per lockstep batch (in the Spark job, per task).");
        d.integer("sampler.threads", Range.nonNegative(), "", "Threads of single-process runs; 0 = all cores.");

        d.text("job.tiling", "auto, single, survey, or the path of a tile list (id, ra, dec[, size, pixel]).");
        d.number("job.overlap-arcmin", Range.nonNegative(), "arcmin", "Width of the strip neighbouring survey tiles share.");
        d.integer("job.min-galaxies", Range.nonNegative(), "", "Tiles with fewer galaxies are reported and not mapped.");
        d.longInteger("job.rows-per-split", Range.positive(), "", "FITS catalog rows per Spark task when binning.");
        d.flag("job.force", "Recompute tiles even when their inputs did not change.");
        d.number("job.mosaic-taper-arcmin", Range.nonNegative(), "arcmin", "Edge taper of each tile in the survey mosaic.");
        d.text("job.run-id", "Run identifier (runs/RUNID/manifest.json); empty = UTC time.");

        d.text("spark.master", "Spark master URL; empty = local[*] (or spark-submit's).");

        d.number("clusters.aperture-arcmin", Range.positive(), "arcmin", "Gaussian aperture (std) that smooths each sample.");
        d.number("clusters.snr-threshold", Range.positive(), "", "A peak counts at smoothed kappa >= this x the shape-noise-only std.");
        d.number("clusters.radius-arcmin", Range.positive(), "arcmin", "Pixels within this distance of a significant peak are credited.");
        d.number("clusters.min-frequency", new Range(0, false, 1, true), "", "Smallest frequency listed as a candidate.");
        d.integer("clusters.noise-realisations", Range.atLeast(2), "", "Shape-noise-only realisations for the false-peak rate (the noise std is exact).");
        d.text("clusters.known", "File of known clusters (RA,DEC,NAME lines) whose frequency is reported; empty = none.");

        d.integer("training.steps", Range.positive(), "", "Optimiser steps.");
        d.integer("training.batch-size", Range.positive(), "", "Maps per step.");
        d.integer("training.crop-size", Range.atLeast(2), "pixels", "Side of the square training crops (a multiple of 2^scales).");
        d.intList("training.channels", Range.positive(), "U-Net width per level (levels - 1 = scales).");
        d.integer("training.blocks-per-scale", Range.positive(), "", "Residual blocks per level.");
        d.choice("training.activation", "Non-linearity of the network.", "relu", "leaky-relu", "silu", "elu");
        d.number("training.residual-high-pass-ell", Range.nonNegative(), "",
                "The residual acts above this multipole only; 0 = no restriction.");
        d.choice("training.residual-scaling", "How the network's output becomes the residual score: sigma (H*N/sigma) or"
                + " wiener (H*N/sqrt(P + sigma^2), the output in whitened units).", "sigma", "wiener");
        d.number("training.input-compression", Range.nonNegative(), "",
                "a of the network's map inputs a*asinh(v/a) (units of the scaled inputs); 0 = linear.");
        d.integer("training.linear-part-maps", Range.nonNegative(), "",
                "Simulations per noise level that measure the residual's linear part, removed after training; 0 = keep it.");
        d.number("training.learning-rate", Range.positive(), "", "Peak Adam learning rate.");
        d.integer("training.warmup-steps", Range.nonNegative(), "", "Steps of the linear learning-rate warm-up.");
        d.number("training.final-learning-rate-fraction", Range.closed(0, 1), "", "Learning rate at the end over the peak.");
        d.number("training.ema-decay", new Range(0, true, 1, false), "",
                "Decay of the moving average of the weights that becomes the model; 0 = the last step's weights.");
        d.choice("training.sigma.kind", "Distribution of the DSM noise levels.", "half-normal", "log-uniform");
        d.number("training.sigma.scale", Range.positive(), "", "Scale of the half-normal noise-level distribution.");
        d.number("training.sigma.lo", Range.positive(), "", "Smallest trained noise level.");
        d.number("training.sigma.hi", Range.positive(), "", "Largest trained noise level (bounds sampler.sigma-max).");
        d.longInteger("training.seed", null, "", "Seed of the training run.");
        d.integer("training.checkpoint-every", Range.nonNegative(), "", "Steps between checkpoints; 0 = only at the end.");
        d.integer("training.validation-maps", Range.nonNegative(), "", "Held-out maps for the final validation loss.");
        d.choice("training.maps.source", "Training maps: simulated, or the FITS files of training.maps.files.", "simulated", "files");
        d.integer("training.maps.size", Range.positive(), "pixels", "Side of the simulated training maps.");
        d.flag("training.maps.halos", "Whether simulated training maps include halos.");
        d.textList("training.maps.files", "FITS images or cubes of kappa when training.maps.source = files.");
        d.integer("training.spark.partitions", Range.positive(), "", "Replicas of data-parallel training on Spark.");
        d.integer("training.spark.steps-per-round", Range.positive(), "", "Steps between averages of data-parallel training.");

        d.integer("survey.size", Range.atLeast(4), "pixels", "Pixels per side of the simulated square footprint.");
        d.number("survey.pixel-arcmin", Range.positive(), "arcmin", "Pixel side of the mock survey.");
        d.text("survey.center", "Footprint centre \"RA,DEC\" in degrees.");
        d.number("survey.galaxies-per-arcmin2", Range.positive(), "1/arcmin^2", "Galaxy density of the mock survey.");
        d.number("survey.sigma-e", Range.open(0, 1), "", "Intrinsic shape noise per component.");
        d.number("survey.lognormal-shift", Range.nonNegative(), "", "Shift of the lognormal truth field; 0 = Gaussian truth.");
        d.choice("survey.shear-model", ShearModel.class, "What the mock ellipticities estimate.");
        d.number("survey.mask.footprint-fraction", Range.positive(), "", "Side of the rotated square footprint over the simulated side.");
        d.number("survey.mask.footprint-rotation-deg", null, "deg", "Rotation of the footprint.");
        d.number("survey.mask.star-holes-per-deg2", Range.nonNegative(), "1/deg^2", "Density of bright-star holes.");
        d.number("survey.mask.hole-radius-min-arcmin", Range.positive(), "arcmin", "Smallest hole radius.");
        d.number("survey.mask.hole-radius-max-arcmin", Range.positive(), "arcmin", "Largest hole radius.");
        d.integer("survey.mask.gaps", Range.nonNegative(), "", "Chip gaps across the footprint.");
        d.number("survey.mask.gap-width-arcmin", Range.nonNegative(), "arcmin", "Width of a chip gap.");
        d.flag("survey.halos", "Whether mock-survey truths include the halos of the simulator.");

        d.number("simulation.halos.m200-min", Range.positive(), "M_sun/h", "Lightest simulated halo (M200c).");
        d.number("simulation.halos.m200-max", Range.positive(), "M_sun/h", "Heaviest simulated halo (M200c).");

        d.integer("simulate.count", Range.positive(), "", "Maps made by simulate kappa.");
        d.integer("simulate.size", Range.positive(), "pixels", "Pixels per side of the simulated maps.");
        d.number("simulate.pixel-arcmin", Range.positive(), "arcmin", "Pixel side of the simulated maps.");
        d.number("simulate.lognormal-shift", Range.nonNegative(), "", "Shift of the lognormal field; 0 = Gaussian.");

        d.text("cosmos.data", "Directory of the COSMOS data; empty = data/cosmos of the checkout.");
        d.choice("cosmos.priors", "Posteriors to draw.", "gaussian", "hybrid", "both");
        d.number("cosmos.ks-smooth-arcmin", Range.nonNegative(), "arcmin", "Smoothing (std) of the Kaiser-Squires maps in the figures.");
        d.number("cosmos.cutout-arcmin", Range.positive(), "arcmin", "Side of the central region shown across samples.");
        d.integer("cosmos.cutout-samples", Range.positive(), "", "Samples shown in the cut-outs.");
        return Collections.unmodifiableMap(m);
    }

    /** Adds declarations to a map, refusing a key declared twice. */
    private record Declarations(Map<String, Setting> into) {
        void add(Setting s) {
            if (into.put(s.key(), s) != null) {
                throw new IllegalStateException(s.key() + " is declared twice");
            }
        }

        void integer(String key, Range range, String unit, String description) {
            add(new Setting(key, Type.INT, unit, description, List.of(), range));
        }

        void longInteger(String key, Range range, String unit, String description) {
            add(new Setting(key, Type.LONG, unit, description, List.of(), range));
        }

        void number(String key, Range range, String unit, String description) {
            add(new Setting(key, Type.NUMBER, unit, description, List.of(), range));
        }

        void numberOrAuto(String key, Range range, String unit, String description) {
            add(new Setting(key, Type.NUMBER_OR_AUTO, unit, description, List.of(), range));
        }

        void flag(String key, String description) {
            add(new Setting(key, Type.BOOLEAN, "", description, List.of(), null));
        }

        void text(String key, String description) {
            add(new Setting(key, Type.STRING, "", description, List.of(), null));
        }

        void choice(String key, String description, String... choices) {
            add(new Setting(key, Type.CHOICE, "", description, List.of(choices), null));
        }

        void choice(String key, Class<? extends Enum<?>> type, String description) {
            add(new Setting(key, Type.CHOICE, "", description, Setting.choiceNames(type), null));
        }

        void intList(String key, Range range, String description) {
            add(new Setting(key, Type.INT_LIST, "", description, List.of(), range));
        }

        void textList(String key, String description) {
            add(new Setting(key, Type.STRING_LIST, "", description, List.of(), null));
        }
    }
}
