package org.massmap.survey;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A set of overlapping survey tiles with fast position look-ups: the ring scheme
 * ({@link SurveyTiling}) or an explicit list ({@link TileList}). Implementations are immutable,
 * thread-safe and {@link Serializable}, so one instance can be shipped to Spark executors.
 */
public interface Tiling extends Serializable {

    /**
     * Every tile on whose pixel grid (RA, Dec) in degrees falls, in a fixed order: overlapping tiles
     * each get the galaxies of their whole area. Empty outside the tiling.
     */
    List<Tile> tilesContaining(double raDeg, double decDeg);

    /**
     * The one tile a position is assigned to when deciding which tiles a footprint needs: every
     * position of the footprint lies in its home tile, so the home tiles of all galaxies cover the
     * footprint. Empty outside the tiling.
     */
    Optional<Tile> homeTile(double raDeg, double decDeg);

    /** The tile named {@code id}, if it belongs to this tiling. */
    Optional<Tile> tile(String id);
}
