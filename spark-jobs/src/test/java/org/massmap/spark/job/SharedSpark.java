package org.massmap.spark.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.massmap.spark.runtime.SparkSessions;

/**
 * One local[2] Spark context per test class, made by {@link SparkSessions} (the jobs' own settings:
 * Kryo with registration required) plus test settings — no UI, two shuffle partitions, the driver on
 * 127.0.0.1 and {@code spark.driver.maxResultSize=2m}, so that a job which gathers a catalog or
 * samples on the driver fails — and the test class's {@link Settings}; stopped after the class. A JVM
 * runs one context at a time, so classes never share one. Spark tests are slow: subclasses inherit
 * {@link org.massmap.testing.SlowTest}.
 */
@org.massmap.testing.SlowTest
public abstract class SharedSpark {
    protected static JavaSparkContext jsc;

    /** Spark properties ({@code key=value}) that a test class adds to or overrides in the defaults. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Inherited
    public @interface Settings {
        String[] value();
    }

    @BeforeAll
    static void startSpark(TestInfo test) {
        Map<String, String> conf = new HashMap<>(Map.of("spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1",
                "spark.driver.maxResultSize", "2m", "spark.sql.shuffle.partitions", "2"));
        Class<?> testClass = test.getTestClass().orElseThrow();
        Settings settings = testClass.getAnnotation(Settings.class);
        for (String kv : settings == null ? new String[0] : settings.value()) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@SharedSpark.Settings on " + testClass.getName() + ": '" + kv
                        + "' is not key=value");
            }
            conf.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        jsc = SparkSessions.create("massmap-test", "local[2]", conf);
    }

    @AfterAll
    static void stopSpark() {
        if (jsc != null) {
            jsc.stop();
            jsc = null;
        }
    }
}
