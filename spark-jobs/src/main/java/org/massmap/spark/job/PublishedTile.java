package org.massmap.spark.job;

import java.io.Serializable;
import org.massmap.io.SkyMap;

/** A tile after publication: its report for the manifest and its posterior mean (NaN outside the mask) for the mosaic. */
public record PublishedTile(TileReport report, SkyMap mean) implements Serializable {
}
