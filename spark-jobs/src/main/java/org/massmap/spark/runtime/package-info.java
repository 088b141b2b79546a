/**
 * Spark plumbing: session creation with the project's settings (Kryo with registered classes), the
 * per-executor-JVM runtime (thread settings, the one lazily loaded score model), and the GPUs
 * Spark's resource scheduler assigned to a task ({@link org.massmap.spark.runtime.TaskGpus}).
 */
package org.massmap.spark.runtime;
