/**
 * How the survey job decides what to recompute and how it publishes results on any Hadoop file
 * system (file://, hdfs://, s3a://, ...).
 *
 * <ul>
 *   <li><b>Fingerprints</b> ({@link org.massmap.spark.output.TileFingerprint},
 *   {@link org.massmap.spark.output.GalaxyDigest}): a SHA-256 of what a tile's result depends on,
 *   computed from content only (the galaxies that fell on the tile, the model checksum, the
 *   canonical configuration), never from file names or times: touching a file changes nothing, and
 *   a rerun over the same catalogs finds every tile up to date.</li>
 *   <li><b>Per-tile commit</b> ({@link org.massmap.spark.output.TileCommitter}): a tile's files are
 *   written under a new unique attempt directory, then published by writing the small
 *   {@code current.json} manifest last; readers resolve tiles through it only. An interrupted run
 *   therefore leaves each tile complete-and-old or complete-and-new.</li>
 *   <li><b>Run manifest</b> ({@link org.massmap.spark.output.RunManifest}): the run-level
 *   {@code manifest.json}, written last.</li>
 * </ul>
 *
 * <p>Output layout under the output root {@code OUT}:
 * <pre>
 * OUT/manifest.json                          latest run manifest (published last)
 * OUT/runs/RUNID/manifest.json               each run's manifest, kept
 * OUT/tiles/TILEID/current.json              the published attempt of the tile
 * OUT/tiles/TILEID/RUNID-UUID/...            attempt directories (never overwritten)
 * </pre>
 */
package org.massmap.spark.output;
