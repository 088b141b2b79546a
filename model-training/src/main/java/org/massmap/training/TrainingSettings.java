package org.massmap.training;

import java.util.List;
import org.massmap.config.Settings;
import org.massmap.model.Activation;
import org.massmap.model.NetworkConfig;
import org.massmap.model.ResidualScaling;
import org.massmap.model.ResidualWindow;
import org.massmap.model.SigmaDistribution;

/**
 * The training settings (section {@code training} of the configuration) read once: the network, the
 * run's hyper-parameters, the residual's high-pass, the training maps and the data-parallel layout.
 * Keys and defaults are declared in {@code org.massmap.config.SettingRegistry} and conf/massmap.conf;
 * {@link TrainingConfig#builder()} starts from {@link #defaults()}.
 *
 * @param network        U-Net widths, blocks per scale and activation
 * @param training       steps, batch, crops, σ distribution, learning-rate schedule, seed, checkpoints
 * @param residualWindow the multipole above which the residual acts ({@code training.residual-high-pass-ell})
 * @param residualScaling how the network's output becomes the residual ({@code training.residual-scaling})
 * @param inputCompression a of the network's compressed map inputs, 0 = linear ({@code training.input-compression};
 *                       see {@link org.massmap.model.InputEncoding})
 * @param maps           where the training maps come from ({@code training.maps})
 * @param spark          data-parallel training on Spark ({@code training.spark})
 * @param linearPartMaps simulations per σ that measure the residual's linear part after training, 0 = keep it
 *                       ({@code training.linear-part-maps}; see {@link LinearPartFit})
 */
public record TrainingSettings(NetworkConfig network, TrainingConfig training, ResidualWindow residualWindow,
        ResidualScaling residualScaling, double inputCompression, Maps maps, DataParallel spark, int linearPartMaps) {

    /** Where training maps come from ({@code training.maps.source}). */
    public enum MapsSource {
        /** The simulator of section {@code simulation}, at the prior's mean power. */
        SIMULATED,
        /** The FITS images or cubes of kappa in {@code training.maps.files}. */
        FILES
    }

    /**
     * @param source where the maps come from
     * @param size   side of simulated maps, pixels
     * @param halos  whether simulated maps include halos
     * @param files  FITS files when {@code source} is {@link MapsSource#FILES}
     */
    public record Maps(MapsSource source, int size, boolean halos, List<String> files) {
        public Maps {
            files = List.copyOf(files);
        }
    }

    /**
     * @param partitions    replicas
     * @param stepsPerRound optimiser steps between two averages of the replicas
     */
    public record DataParallel(int partitions, int stepsPerRound) {
    }

    /** Reads section {@code training} (errors name the key). */
    public static TrainingSettings from(Settings s) {
        NetworkConfig network;
        SigmaDistribution sigma;
        TrainingConfig training;
        try { // the parts check their own ranges; from here they are configuration values
            network = new NetworkConfig(s.positiveIntList("training.channels"), s.positiveInt("training.blocks-per-scale"),
                    s.enumValue("training.activation", Activation.class));
            sigma = new SigmaDistribution(s.enumValue("training.sigma.kind", SigmaDistribution.Kind.class),
                    s.positive("training.sigma.scale"), s.positive("training.sigma.lo"), s.positive("training.sigma.hi"));
            LearningRateSchedule lr = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, s.positive("training.learning-rate"),
                    s.nonNegativeInt("training.warmup-steps"), s.inRange("training.final-learning-rate-fraction", 0, 1));
            training = TrainingConfig.of(s.positiveInt("training.steps"), s.positiveInt("training.batch-size"),
                    s.positiveInt("training.crop-size"), sigma, lr, s.longValue("training.seed"),
                    s.nonNegativeInt("training.checkpoint-every"), s.nonNegativeInt("training.validation-maps"),
                    s.nonNegative("training.ema-decay"));
        } catch (org.massmap.config.SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new org.massmap.config.SettingException(e.getMessage(), e);
        }
        Maps maps = new Maps(s.enumValue("training.maps.source", MapsSource.class), s.positiveInt("training.maps.size"),
                s.bool("training.maps.halos"), s.stringList("training.maps.files"));
        return new TrainingSettings(network, training, new ResidualWindow(s.nonNegative("training.residual-high-pass-ell")),
                s.enumValue("training.residual-scaling", ResidualScaling.class), s.nonNegative("training.input-compression"), maps,
                new DataParallel(s.positiveInt("training.spark.partitions"), s.positiveInt("training.spark.steps-per-round")),
                s.nonNegativeInt("training.linear-part-maps"));
    }

    /** The defaults of conf/massmap.conf. */
    public static TrainingSettings defaults() {
        return from(Settings.defaults());
    }
}
