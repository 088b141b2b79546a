package org.massmap.spark.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.CentreAccumulator;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.spark.io.CatalogSplit;
import org.massmap.survey.SurveyTiling;
import org.massmap.survey.Tile;
import org.massmap.survey.TileList;
import org.massmap.survey.Tiling;
import org.massmap.survey.TilingSpec;

/**
 * Decides the tiles of a run on the driver. An explicit centre means one tile there (under
 * {@code auto} and {@code single}). Otherwise {@code auto} and {@code single} run small distributed
 * passes over the catalogs (the mean unit vector; for {@code auto} also the field's extent in the
 * tile's tangent plane), never bringing galaxies to the driver: {@code auto} maps one tile when
 * every galaxy falls inside the square tile about that centre, else survey tiles.
 */
final class TilingResolver {
    /** Id of the tile of a single-tile run. */
    static final String SINGLE_TILE_ID = "tile";

    private TilingResolver() {
    }

    static Tiling resolve(TilingChoice choice, TilingSpec spec, Optional<SkyPoint> centre, JavaRDD<CatalogSplit> splits,
            ColumnMapping columns, Broadcast<SerializableWritable<Configuration>> hadoop) throws Exception {
        switch (choice.kind()) {
            case LIST:
                return TileList.read(Path.of(choice.tileListPath()), spec.tilePixels(), spec.pixelArcmin());
            case SURVEY:
                return SurveyTiling.of(spec);
            default:
                break;
        }
        SkyPoint c = centre.isPresent() ? centre.get() : centre(splits, columns, hadoop);
        Tile single = new Tile(SINGLE_TILE_ID, c.raDeg(), c.decDeg(), spec.tilePixels(), spec.pixelArcmin());
        if (choice.kind() == TilingChoice.Kind.SINGLE || centre.isPresent()) {
            return TileList.of(List.of(single));
        }
        double halfSideRad = Math.toRadians(0.5 * spec.tilePixels() * spec.pixelArcmin() / 60.0);
        return halfExtentRad(splits, columns, hadoop, c) <= halfSideRad ? TileList.of(List.of(single)) : SurveyTiling.of(spec);
    }

    /** Whether {@code tiling} is the one tile of a single-tile run (explicit centre, {@code single}, or a field that fits). */
    static boolean isSingleTile(Tiling tiling) {
        return tiling.tile(SINGLE_TILE_ID).isPresent();
    }

    private static SkyPoint centre(JavaRDD<CatalogSplit> splits, ColumnMapping columns,
            Broadcast<SerializableWritable<Configuration>> hadoop) throws CatalogException {
        List<CentreAccumulator> perSplit = splits.map(split -> {
            CentreAccumulator acc = new CentreAccumulator();
            try (CatalogReader r = split.open(hadoop.value().value(), columns)) {
                acc.accumulateAll(r);
                acc.dropped(r.stats());
            } catch (CatalogException e) {
                acc.unreadable(e.getMessage()); // reported in full by the binning pass; it does not move the centre
            }
            return acc;
        }).collect();
        // merged in split order on the driver (a few numbers per split), not in task-completion order as
        // reduce would: floating-point sums then give the same centre, bit for bit, on every run
        CentreAccumulator total = new CentreAccumulator();
        perSplit.forEach(total::merge);
        return total.centre("the input catalogs");
    }

    /**
     * The largest max(|xi|, |eta|) of any galaxy in the gnomonic projection about {@code c}, radians
     * (infinite for a galaxy 90 degrees or more away): the half-side of the smallest square tile about
     * {@code c} holding every galaxy. Compared with the tile's half-side, not its corner distance.
     */
    private static double halfExtentRad(JavaRDD<CatalogSplit> splits, ColumnMapping columns,
            Broadcast<SerializableWritable<Configuration>> hadoop, SkyPoint c) {
        return splits.map(split -> {
            double max = 0;
            TangentPlane plane = new TangentPlane(c);
            double[] xy = new double[2];
            try (CatalogReader r = split.open(hadoop.value().value(), columns)) {
                GalaxyChunk chunk = new GalaxyChunk();
                while (r.next(chunk)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        if (!Double.isFinite(chunk.ra()[i]) || !Double.isFinite(chunk.dec()[i])) {
                            continue; // dropped by the binning, which reports it
                        }
                        max = plane.project(chunk.ra()[i], chunk.dec()[i], xy)
                                ? Math.max(max, Math.max(Math.abs(xy[0]), Math.abs(xy[1]))) : Double.POSITIVE_INFINITY;
                    }
                }
            } catch (CatalogException e) {
                // reported by the binning pass
            }
            return max;
        }).fold(0.0, Math::max);
    }
}
