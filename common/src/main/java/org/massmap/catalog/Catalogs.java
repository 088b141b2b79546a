package org.massmap.catalog;

import java.nio.file.Path;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Entry points from a catalog file to binned maps. Formats are detected by {@link CatalogFormat}.
 * Every method takes a {@link CatalogSource} (local file, Hadoop URI, memory) or, as a shorthand
 * for {@link CatalogSource#of(Path)}, a local {@link Path}.
 *
 * <pre>{@code
 * ColumnMapping cols = ColumnMapping.defaults().withWeight("w");
 * TileGrid grid = TileGrid.square(128, 0.5, Catalogs.meanCentre(path, cols));
 * BinnedShear shear = Catalogs.bin(path, cols, grid, ShapeNoise.configured(0.26));
 * }</pre>
 */
public final class Catalogs {
    private Catalogs() {
    }

    /** Opens a FITS or CSV catalog, detecting the format from the file. */
    public static CatalogReader open(Path file, ColumnMapping mapping) throws CatalogException {
        return open(CatalogSource.of(file), mapping);
    }

    /** Mean direction of all galaxy positions (one streaming pass), for a default tile centre. */
    public static SkyPoint meanCentre(Path file, ColumnMapping mapping) throws CatalogException {
        return meanCentre(CatalogSource.of(file), mapping);
    }

    /** Bins a whole catalog onto {@code grid} in one streaming pass. */
    public static BinnedShear bin(Path file, ColumnMapping mapping, TileGrid grid, ShapeNoise noise)
            throws CatalogException {
        return bin(CatalogSource.of(file), mapping, grid, noise);
    }

    /** Opens a FITS or CSV catalog, detecting the format from its first bytes and name. */
    public static CatalogReader open(CatalogSource source, ColumnMapping mapping) throws CatalogException {
        return switch (CatalogFormat.detect(source)) {
            case FITS -> FitsCatalogReader.open(source, mapping);
            case CSV -> CsvCatalogReader.open(source, mapping);
            case PARQUET -> throw new CatalogException(source.name(), "Parquet catalogs are read through Hadoop by the"
                    + " spark-jobs module (the massmap commands); this library reader takes FITS and CSV");
        };
    }

    /** As {@link #meanCentre(Path, ColumnMapping)}, from any source. */
    public static SkyPoint meanCentre(CatalogSource source, ColumnMapping mapping) throws CatalogException {
        return meanCentre(open(source, mapping));
    }

    /** Mean direction of every galaxy {@code reader} hands out (one pass); closes the reader. */
    public static SkyPoint meanCentre(CatalogReader reader) throws CatalogException {
        CentreAccumulator acc = new CentreAccumulator();
        try (reader) {
            acc.accumulateAll(reader);
        }
        return acc.centre(reader.source());
    }

    /**
     * Every galaxy of a catalog in one chunk of exactly its size (for catalogs that fit in memory:
     * 40 bytes a galaxy), in file order.
     *
     * @throws CatalogException when the catalog cannot be read or has no usable galaxy
     */
    public static GalaxyChunk readAll(Path file, ColumnMapping mapping) throws CatalogException {
        java.util.List<GalaxyChunk> parts = new java.util.ArrayList<>();
        int total = 0;
        try (CatalogReader reader = open(file, mapping)) {
            GalaxyChunk chunk = new GalaxyChunk();
            while (reader.next(chunk)) {
                GalaxyChunk copy = new GalaxyChunk(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    copy.add(chunk.ra()[i], chunk.dec()[i], chunk.e1()[i], chunk.e2()[i], chunk.w()[i]);
                }
                parts.add(copy);
                total = Math.addExact(total, chunk.size());
            }
        }
        if (total == 0) {
            throw new CatalogException(file.toString(), "no usable galaxy in the catalog");
        }
        GalaxyChunk all = new GalaxyChunk(total);
        for (GalaxyChunk p : parts) {
            for (int i = 0; i < p.size(); i++) {
                all.add(p.ra()[i], p.dec()[i], p.e1()[i], p.e2()[i], p.w()[i]);
            }
        }
        return all;
    }

    /** As {@link #bin(Path, ColumnMapping, TileGrid, ShapeNoise)}, from any source. */
    public static BinnedShear bin(CatalogSource source, ColumnMapping mapping, TileGrid grid, ShapeNoise noise)
            throws CatalogException {
        try (CatalogReader reader = open(source, mapping)) {
            return new ShearBinner(grid).bin(reader, noise);
        }
    }
}
