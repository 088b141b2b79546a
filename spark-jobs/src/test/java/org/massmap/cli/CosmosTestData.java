package org.massmap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.grid.SkyPoint;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;

/**
 * Small copies of the repository's COSMOS data (data/cosmos/) for tests of {@code massmap cosmos}: the
 * galaxies within a radius of the preset's centre, as stored (same columns, no flips), optionally
 * moved in RA or with a column renamed, next to a copy of the X-ray cluster list.
 */
final class CosmosTestData {
    static final Path DATA = Path.of("..", "data", "cosmos");
    /** The centre of conf/presets/cosmos-hst.conf. */
    static final SkyPoint CENTRE = new SkyPoint(150.1161, 2.2475);

    private final GalaxyChunk all;

    private CosmosTestData(GalaxyChunk all) {
        this.all = all;
    }

    /** Reads the repository's catalog once. */
    static CosmosTestData load() throws Exception {
        return new CosmosTestData(Catalogs.readAll(DATA.resolve(CosmosInputs.CATALOG), ColumnMapping.defaults().withWeight("w")));
    }

    /**
     * Writes DIR/cosmos_shapes.fits with the galaxies within {@code radiusArcmin} of the centre, RA moved
     * by {@code raShiftDeg}, the e1 column named {@code e1Name}, and DIR/xray_clusters_finoguenov2006.txt.
     *
     * @return the number of galaxies written
     */
    int write(Path dir, double radiusArcmin, double raShiftDeg, String e1Name) throws Exception {
        Files.createDirectories(dir);
        int n = 0;
        int size = all.size();
        double[] ra = new double[size];
        double[] dec = new double[size];
        double[] e1 = new double[size];
        double[] e2 = new double[size];
        double[] w = new double[size];
        double radiusRad = Math.toRadians(radiusArcmin / 60);
        for (int i = 0; i < size; i++) {
            if (CENTRE.separationRad(new SkyPoint(all.ra()[i], all.dec()[i])) <= radiusRad) {
                ra[n] = all.ra()[i] + raShiftDeg;
                dec[n] = all.dec()[i];
                e1[n] = all.e1()[i];
                e2[n] = all.e2()[i];
                w[n] = all.w()[i];
                n++;
            }
        }
        FitsTables.write(dir.resolve(CosmosInputs.CATALOG), Provenance.of("test", Instant.EPOCH), FitsTable.of("SHAPES",
                TableColumn.doubles("ra", "deg", Arrays.copyOf(ra, n)), TableColumn.doubles("dec", "deg", Arrays.copyOf(dec, n)),
                TableColumn.doubles(e1Name, "", Arrays.copyOf(e1, n)), TableColumn.doubles("e2", "", Arrays.copyOf(e2, n)),
                TableColumn.doubles("w", "", Arrays.copyOf(w, n))));
        Files.copy(DATA.resolve(CosmosInputs.XRAY), dir.resolve(CosmosInputs.XRAY));
        return n;
    }
}
