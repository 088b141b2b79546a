package org.massmap.spark.job;

import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.massmap.spark.runtime.SparkSessions;

/** One local[2] Spark context per test class, with the project's settings, stopped after the class. */
abstract class SharedSpark {
    static JavaSparkContext jsc;

    @BeforeAll
    static void startSpark() {
        jsc = SparkSessions.create("massmap-test", "local[2]", Map.of("spark.ui.enabled", "false",
                "spark.driver.maxResultSize", "2m", "spark.sql.shuffle.partitions", "2"));
    }

    @AfterAll
    static void stopSpark() {
        if (jsc != null) {
            jsc.stop();
            jsc = null;
        }
    }
}
