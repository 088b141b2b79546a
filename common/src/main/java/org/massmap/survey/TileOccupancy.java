package org.massmap.survey;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.massmap.catalog.GalaxyChunk;

/**
 * Which tiles a streamed catalog needs: counts galaxies per {@link Tiling#homeTile home tile}.
 * Since every position lies in its home tile, the occupied tiles cover every galaxy; each of them
 * then receives all galaxies on its grid (the overlaps included) through
 * {@link Tiling#tilesContaining}.
 *
 * <p>Partial occupancies over disjoint sets of galaxies {@link #merge} exactly (counts add), so Spark
 * executors can scan partitions separately and combine. Serializable; mutable and not thread-safe:
 * one instance per task.
 *
 * <pre>{@code
 * TileOccupancy occ = new TileOccupancy(tiling);
 * for (...each chunk...) occ.addAll(chunk);
 * List<Tile> needed = occ.tiles(100);            // tiles with at least 100 home galaxies
 * }</pre>
 */
public final class TileOccupancy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Tiling tiling;
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private long outside;

    /** An empty occupancy for {@code tiling}. */
    public TileOccupancy(Tiling tiling) {
        this.tiling = tiling;
    }

    /** Counts one galaxy at (RA, Dec) in degrees. */
    public void add(double raDeg, double decDeg) {
        tiling.homeTile(raDeg, decDeg).ifPresentOrElse(t -> counts.merge(t.id(), 1L, Long::sum), () -> outside++);
    }

    /** Counts the valid galaxies of a chunk. */
    public void addAll(GalaxyChunk chunk) {
        double[] ra = chunk.ra();
        double[] dec = chunk.dec();
        for (int i = 0; i < chunk.size(); i++) {
            add(ra[i], dec[i]);
        }
    }

    /** Adds the counts of {@code other} (same tiling) into this one; returns this. */
    public TileOccupancy merge(TileOccupancy other) {
        if (!other.tiling.equals(tiling)) {
            throw new IllegalArgumentException("cannot merge occupancies of different tilings: " + tiling + " and " + other.tiling);
        }
        other.counts.forEach((id, n) -> counts.merge(id, n, Long::sum));
        outside += other.outside;
        return this;
    }

    /** Galaxies per home tile id, sorted by id (unmodifiable view). */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** Galaxies outside every tile (only an explicit tile list leaves any). */
    public long outside() {
        return outside;
    }

    /** Tiles with at least {@code minGalaxies} home galaxies, ordered by id. */
    public List<Tile> tiles(long minGalaxies) {
        List<Tile> out = new ArrayList<>();
        counts.forEach((id, n) -> {
            if (n >= minGalaxies) {
                out.add(tiling.tile(id).orElseThrow(() -> new IllegalStateException("tile " + id + " vanished from " + tiling)));
            }
        });
        return out;
    }

    public Tiling tiling() {
        return tiling;
    }
}
