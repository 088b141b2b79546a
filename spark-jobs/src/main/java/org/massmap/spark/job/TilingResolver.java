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
import org.massmap.spark.io.CatalogSplit;
import org.massmap.survey.SurveyTiling;
import org.massmap.survey.Tile;
import org.massmap.survey.TileList;
import org.massmap.survey.Tiling;
import org.massmap.survey.TilingSpec;

/**
 * Decides the tiles of a run on the driver. For {@code auto} and {@code single} it runs one small
 * distributed pass over the catalogs (mean unit vector and largest distance from it), never
 * bringing galaxies to the driver.
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
        if (choice.kind() == TilingChoice.Kind.SINGLE) {
            return TileList.of(List.of(single));
        }
        double reach = maxSeparationDeg(splits, columns, hadoop, c);
        double halfSideDeg = 0.5 * spec.tilePixels() * spec.pixelArcmin() / 60.0;
        return reach <= halfSideDeg ? TileList.of(List.of(single)) : SurveyTiling.of(spec);
    }

    private static SkyPoint centre(JavaRDD<CatalogSplit> splits, ColumnMapping columns,
            Broadcast<SerializableWritable<Configuration>> hadoop) throws CatalogException {
        List<CentreAccumulator> perSplit = splits.map(split -> {
            CentreAccumulator acc = new CentreAccumulator();
            try (CatalogReader r = split.open(hadoop.value().value(), columns)) {
                acc.accumulateAll(r);
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

    private static double maxSeparationDeg(JavaRDD<CatalogSplit> splits, ColumnMapping columns,
            Broadcast<SerializableWritable<Configuration>> hadoop, SkyPoint c) {
        return splits.map(split -> {
            double max = 0;
            try (CatalogReader r = split.open(hadoop.value().value(), columns)) {
                GalaxyChunk chunk = new GalaxyChunk();
                while (r.next(chunk)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        max = Math.max(max, c.separationRad(new SkyPoint(chunk.ra()[i], chunk.dec()[i])));
                    }
                }
            } catch (CatalogException e) {
                // reported by the binning pass
            }
            return Math.toDegrees(max); // monotonic: the same as the largest of the converted separations
        }).fold(0.0, Math::max);
    }
}
