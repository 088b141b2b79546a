package org.massmap.spark.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class the massmap job moves between JVMs, so that
 * {@code spark.kryo.registrationRequired=true} holds. Plain classes with array fields (accumulators,
 * binned maps) use Kryo's field serialiser; Java records are registered with Kryo's
 * {@link JavaSerializer}, since records' final fields cannot be set reflectively.
 */
public final class MassmapKryoRegistrator implements KryoRegistrator {

    /** Classes serialised field by field. */
    static final Class<?>[] PLAIN = {
        forName("scala.reflect.ManifestFactory$ObjectManifest"),
        double[].class, double[][].class, int[].class, long[].class, boolean[].class, byte[].class, float[].class,
        String[].class, Object[].class, java.util.ArrayList.class, java.util.HashMap.class, java.util.LinkedHashMap.class,
        org.massmap.stats.PixelMoments.class, org.massmap.stats.FrequencyCounts.class,
    };

    /** Records and other classes that go through Java serialisation inside Kryo. */
    static final Class<?>[] JAVA_SERIALIZED = {
        org.massmap.grid.SkyPoint.class, org.massmap.grid.TileGrid.class,
        org.massmap.catalog.ColumnMapping.class, org.massmap.catalog.ShapeNoise.class, org.massmap.catalog.ReadStats.class,
        org.massmap.sampling.GeometricSchedule.class, org.massmap.sampling.AdaptiveSchedule.class,
        org.massmap.sampling.HmcMove.class, org.massmap.sampling.ProbabilityFlow.class, org.massmap.sampling.ChainDiagnostics.class,
        org.massmap.sampling.ChainResult.class, org.massmap.config.SamplerConfig.class,
        org.massmap.stats.ClusterSettings.class, org.massmap.stats.ClusterCandidate.class,
        org.massmap.catalog.ShearAccumulator.class, org.massmap.spark.output.GalaxyDigest.class,
        org.massmap.spark.io.CatalogSplit.class, org.massmap.spark.io.CatalogFile.class,
        org.massmap.survey.Tile.class, org.massmap.survey.TilingSpec.class, org.massmap.survey.SurveyTiling.class,
        org.massmap.survey.TileList.class, org.massmap.survey.MosaicAccumulator.class, org.massmap.io.SkyMap.class,
        org.massmap.spark.job.JobSpec.class, org.massmap.spark.job.TileBinning.class, org.massmap.spark.job.TilePlan.class,
        org.massmap.spark.job.ChainTask.class, org.massmap.spark.job.ChainBatch.class, org.massmap.spark.job.TileReport.class,
        org.massmap.spark.job.InputProblem.class, org.massmap.spark.job.ReadTotals.class,
        org.massmap.spark.job.InputChecksum.class,
        org.apache.spark.SerializableWritable.class,
        forName("org.massmap.spark.training.StateBlob"), forName("org.massmap.spark.training.StateSum"),
        forName("org.massmap.spark.training.TrainingJob"),
        org.massmap.catalog.CentreAccumulator.class, org.massmap.catalog.CatalogPlausibility.class,
    };

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Kryo registration: class " + name + " not found", e);
        }
    }

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : PLAIN) {
            kryo.register(c);
        }
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : JAVA_SERIALIZED) {
            kryo.register(c, java);
        }
    }
}
