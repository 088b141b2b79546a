package org.massmap.spark.job;

import java.io.Serializable;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.spark.output.GalaxyDigest;
import org.massmap.survey.Tile;

/**
 * The galaxies of one tile seen so far by one or more tasks: binned sums and the content digest
 * that fingerprints them. Mergeable; confine an instance to one thread until merged.
 */
public final class TileBinning implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Tile tile;
    private final ShearAccumulator accumulator;
    private final GalaxyDigest digest;

    public TileBinning(Tile tile) {
        this.tile = tile;
        this.accumulator = new ShearAccumulator(tile.grid());
        this.digest = new GalaxyDigest();
    }

    public Tile tile() {
        return tile;
    }

    public ShearAccumulator accumulator() {
        return accumulator;
    }

    public GalaxyDigest digest() {
        return digest;
    }

    /** Adds another partial binning of the same tile into this one. */
    public TileBinning merge(TileBinning other) {
        accumulator.merge(other.accumulator);
        digest.merge(other.digest);
        return this;
    }
}
