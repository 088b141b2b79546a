package org.massmap.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (or method) as slow: it starts a Spark context, an HDFS minicluster, worker
 * JVMs or Python, trains a network, or takes more than about five seconds on two cores. Tagged
 * {@value #TAG}: {@code mvn test} leaves it out (the fast set), {@code mvn verify} runs it in the
 * integration-test phase after the fast set, so {@code ./run-tests} still runs every test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SlowTest.TAG)
public @interface SlowTest {
    /** The JUnit tag; the build's Surefire executions select on it. */
    String TAG = "slow";
}
