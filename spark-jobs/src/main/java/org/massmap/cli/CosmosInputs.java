package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.catalog.XrayCluster;
import org.massmap.config.CatalogSettings;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * The inputs of {@code massmap cosmos}, found and checked before anything is written: the data
 * directory (cosmos.data, else data/cosmos under the massmap home), its shape catalog with the
 * columns the settings name, the X-ray cluster list, and the catalog binned onto the tile on the
 * driver (about a second for the 417,117 galaxies), which must hold galaxies.
 *
 * @param centre the tile centre (map.center, else the catalog's mean position)
 */
record CosmosInputs(Path dataDir, Path catalog, Path xrayFile, List<XrayCluster> clusters, SkyPoint centre, BinnedShear binned) {
    static final String CATALOG = "cosmos_shapes.fits";
    static final String XRAY = "xray_clusters_finoguenov2006.txt";
    /** System property with the checkout's root, set by the ./massmap launcher. */
    static final String HOME_PROPERTY = "massmap.home";

    /** The data directory: {@code configured} (cosmos.data) if set, else data/cosmos under {@code home} (may be null). */
    static Path dataDirectory(String configured, String home) {
        if (!configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath().normalize();
        }
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("cannot find the COSMOS data: cosmos.data is empty and -D" + HOME_PROPERTY + " is not set"
                    + " (the ./massmap launcher sets it to the checkout); give the directory holding " + CATALOG + " and " + XRAY
                    + " with --data DIR");
        }
        return Path.of(home.trim(), "data", "cosmos").toAbsolutePath().normalize();
    }

    /** Checks the data directory and bins its catalog onto the tile of {@code map}. */
    static CosmosInputs check(Path dataDir, Settings s, MapSettings map, PrintWriter console) throws CatalogException,
            org.massmap.io.MassmapIoException {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("the COSMOS data directory " + dataDir + " does not exist; it ships with the repository"
                    + " as data/cosmos/ (cosmos.data or --data names another one)");
        }
        Path catalog = dataDir.resolve(CATALOG);
        Path xray = dataDir.resolve(XRAY);
        for (Path f : new Path[] {catalog, xray}) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("the COSMOS data directory " + dataDir + " has no " + f.getFileName() + "; it must hold "
                        + CATALOG + " and " + XRAY + " (as data/cosmos/ of the repository does)");
            }
        }
        List<XrayCluster> clusters = XrayCluster.readTable(xray);
        ColumnMapping columns = CatalogSettings.columns(s, map);
        SkyPoint centre = map.center().isPresent() ? map.center().get() : Catalogs.meanCentre(catalog, columns);
        TileGrid grid = map.grid(centre);
        BinnedShear binned = bin(catalog, columns, grid, map);
        console.printf(Locale.ROOT, "COSMOS data %s: %d galaxies on the tile %s (%d outside), %d of %d pixels observed, sigma_e = %.3f"
                + " (%s); %d X-ray clusters%n", dataDir, binned.galaxiesUsed(), grid, binned.galaxiesOutside(), binned.occupiedPixels(),
                grid.size(), binned.sigmaE(), binned.sigmaESource().name().toLowerCase(Locale.ROOT), clusters.size());
        if (binned.galaxiesOutside() > 0) {
            long rows = binned.galaxiesUsed() + binned.galaxiesOutside();
            console.printf(Locale.ROOT, "warning: %d of the catalog's %d usable galaxies (%.1f%%) fall outside the tile and are not mapped%n",
                    binned.galaxiesOutside(), rows, 100.0 * binned.galaxiesOutside() / rows);
        }
        return new CosmosInputs(dataDir, catalog, xray, clusters, centre, binned);
    }

    /** Bins the catalog onto the tile; a catalog with no galaxy on it is refused, naming where it lies. */
    private static BinnedShear bin(Path catalog, ColumnMapping columns, TileGrid grid, MapSettings map) throws CatalogException {
        ShearBinner binner = new ShearBinner(grid);
        ShearAccumulator acc = binner.newAccumulator();
        try (CatalogReader reader = Catalogs.open(catalog, columns)) {
            GalaxyChunk chunk = new GalaxyChunk();
            while (reader.next(chunk)) {
                binner.accumulate(chunk, acc);
            }
            acc.noteRead(reader.stats());
        }
        if (acc.used() == 0 && acc.outside() > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: none of its %d galaxies falls on the tile (%s): the"
                    + " catalog lies around RA,Dec %s; the COSMOS tile is map.center, map.size and map.pixel-arcmin of"
                    + " conf/presets/cosmos-hst.conf: check those settings, or that the catalog is the COSMOS field", catalog,
                    acc.outside(), grid, Catalogs.meanCentre(catalog, columns)));
        }
        return binner.finish(acc, map.shapeNoise());
    }
}
