package org.massmap.training;

import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Base of the simulated training sources: periodic n×n maps at a fixed pixel size (arcmin), drawn
 * on a flat tile centred at (0, 0) (the sky position plays no part in a periodic simulation).
 */
public abstract class SquareTrainingMaps implements TrainingMaps {
    private final int n;
    private final double pixelArcmin;
    private final TileGrid grid;

    protected SquareTrainingMaps(int n, double pixelArcmin) {
        this.n = n;
        this.pixelArcmin = pixelArcmin;
        this.grid = TileGrid.square(n, pixelArcmin, new SkyPoint(0, 0));
    }

    @Override
    public final int nx() {
        return n;
    }

    @Override
    public final int ny() {
        return n;
    }

    @Override
    public final double pixelArcmin() {
        return pixelArcmin;
    }

    /** The n×n grid the maps are drawn on. */
    protected final TileGrid grid() {
        return grid;
    }
}
