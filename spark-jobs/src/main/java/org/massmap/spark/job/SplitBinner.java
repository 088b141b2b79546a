package org.massmap.spark.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogPlausibility;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ReadStats;
import org.massmap.catalog.ShearBinner;
import org.massmap.spark.io.CatalogSplit;
import org.massmap.survey.Tile;
import org.massmap.survey.Tiling;

/**
 * Reads catalog splits and bins each galaxy into every tile whose grid contains it (overlapping
 * tiles get the galaxies of their whole area), streaming chunk by chunk. A split that fails to read
 * contributes nothing: its partial sums are discarded and the problem is returned instead.
 * One instance per task.
 */
final class SplitBinner {
    private final Tiling tiling;
    private final org.massmap.catalog.ColumnMapping columns;
    private final Configuration hadoop;
    private final Map<String, TileBinning> tiles = new HashMap<>();
    private final Map<String, ShearBinner> binners = new HashMap<>();
    private ReadTotals totals = ReadTotals.ZERO;
    private final CatalogPlausibility plausibility = new CatalogPlausibility();

    SplitBinner(Tiling tiling, org.massmap.catalog.ColumnMapping columns, Configuration hadoop) {
        this.tiling = tiling;
        this.columns = columns;
        this.hadoop = hadoop;
    }

    /** Bins one split; returns null on success or the problem that made it unreadable. */
    InputProblem add(CatalogSplit split) {
        Map<String, TileBinning> local = new HashMap<>();
        Map<String, GalaxyChunk> buffers = new HashMap<>();
        long outside = 0;
        try (CatalogReader reader = split.open(hadoop, columns)) {
            GalaxyChunk chunk = new GalaxyChunk();
            CatalogPlausibility seen = new CatalogPlausibility();
            while (reader.next(chunk)) {
                seen.add(chunk);
                double[] ra = chunk.ra();
                double[] dec = chunk.dec();
                double[] e1 = chunk.e1();
                double[] e2 = chunk.e2();
                double[] w = chunk.w();
                for (int i = 0; i < chunk.size(); i++) {
                    List<Tile> in = tiling.tilesContaining(ra[i], dec[i]);
                    if (in.isEmpty()) {
                        outside++;
                    }
                    for (Tile t : in) {
                        GalaxyChunk buf = buffers.computeIfAbsent(t.id(), k -> new GalaxyChunk(4096));
                        buf.add(ra[i], dec[i], e1[i], e2[i], w[i]);
                        if (buf.isFull()) {
                            flush(t, buf, local);
                        }
                    }
                }
            }
            for (Map.Entry<String, GalaxyChunk> e : buffers.entrySet()) {
                flush(tiling.tile(e.getKey()).orElseThrow(), e.getValue(), local);
            }
            ReadStats s = reader.stats();
            totals = totals.plus(new ReadTotals(s.rowsRead(), s.galaxies(), s.droppedNonFinite(), s.droppedZeroWeight(), outside));
            plausibility.merge(seen);
        } catch (CatalogException | RuntimeException e) {
            return new InputProblem(split.uri(), split.startRow(), split.endRow(), e.getMessage());
        }
        local.forEach((id, b) -> tiles.merge(id, b, TileBinning::merge));
        return null;
    }

    private void flush(Tile t, GalaxyChunk buf, Map<String, TileBinning> local) {
        if (buf.size() == 0) {
            return;
        }
        TileBinning b = local.computeIfAbsent(t.id(), k -> new TileBinning(t));
        binners.computeIfAbsent(t.id(), k -> new ShearBinner(t.grid())).accumulate(buf, b.accumulator());
        b.digest().addAll(buf);
        buf.clear();
    }

    Map<String, TileBinning> tiles() {
        return tiles;
    }

    /** Catalog-wide plausibility of the splits read successfully. */
    CatalogPlausibility plausibility() {
        return plausibility;
    }

    ReadTotals totals() {
        return totals;
    }
}
