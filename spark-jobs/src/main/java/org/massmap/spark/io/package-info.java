/**
 * Catalog input for the Spark job: reading catalogs from any Hadoop file system ({@code file://},
 * {@code hdfs://}, {@code s3a://}) and cutting them into tasks.
 *
 * <p>On the driver, {@link org.massmap.spark.io.CatalogFiles} lists the catalog files under the
 * input locations and {@link org.massmap.spark.io.CatalogSplits} cuts each FITS table into row
 * ranges and each Parquet file between row groups ({@link org.massmap.spark.io.CatalogSplit}s: a
 * URI, a format and a range; a CSV file is one split). Splits are small serializable values; no file is copied or read whole on the
 * driver. On an executor, a split is opened with the executor's Hadoop configuration (FITS and CSV
 * through a {@link org.massmap.spark.io.HadoopCatalogSource} and the streaming readers of
 * {@code org.massmap.catalog}, Parquet through {@link org.massmap.spark.io.ParquetCatalogReader}):
 *
 * <pre>{@code
 * // driver: Broadcast<SerializableWritable<Configuration>> hadoop = jsc.broadcast(new SerializableWritable<>(jsc.hadoopConfiguration()));
 * // executor, for one split:
 * try (CatalogReader r = split.open(hadoop.value().value(), columns)) { ... }
 * }</pre>
 */
package org.massmap.spark.io;
