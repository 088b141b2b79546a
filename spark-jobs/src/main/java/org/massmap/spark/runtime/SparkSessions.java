package org.massmap.spark.runtime;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the Spark context of a massmap job. Under {@code spark-submit} the master and resources
 * come from spark-submit; run from the command line, the master defaults to {@code local[*]}.
 * Always: Kryo serialisation with registration required for the project's classes
 * ({@link MassmapKryoRegistrator}).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * @param master    master URL, or null to keep spark-submit's (or use local[*] when there is none)
     * @param overrides extra Spark properties (e.g. from --spark-conf KEY=VALUE)
     */
    public static JavaSparkContext create(String appName, String master, Map<String, String> overrides) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.kryo.registrator", MassmapKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryoserializer.buffer.max", "512m");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        overrides.forEach(conf::set);
        return new JavaSparkContext(conf);
    }
}
