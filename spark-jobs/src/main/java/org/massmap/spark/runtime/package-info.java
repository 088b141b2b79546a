/**
 * Spark plumbing: session creation with the project's settings (Kryo with registered classes), and
 * the per-executor-JVM runtime (thread settings, the one lazily loaded score model).
 */
package org.massmap.spark.runtime;
