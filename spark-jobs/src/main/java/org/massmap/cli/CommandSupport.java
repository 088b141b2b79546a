package org.massmap.cli;

import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogFormat;
import org.massmap.catalog.CatalogPlausibility;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearBinner;
import org.massmap.config.CatalogSettings;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.grid.SkyPoint;
import org.massmap.io.Checksums;
import org.massmap.io.MassmapIoException;
import org.massmap.io.fits.Provenance;
import org.massmap.spark.io.ParquetCatalogReader;

/** Small steps shared by the map-making commands: bin a catalog onto a tile, provenance, output folders. */
final class CommandSupport {
    private CommandSupport() {
    }

    /** Bins a catalog onto the tile the settings describe (centre: configured, or the catalog's). */
    static BinnedShear binCatalog(Path catalog, Settings s, MapSettings map, PrintWriter out) throws CatalogException {
        ColumnMapping cols = CatalogSettings.columns(s, map);
        ShapeNoise noise = map.shapeNoise();
        Opener opener = opener(catalog, cols);
        SkyPoint centre = map.center().isPresent() ? map.center().get() : Catalogs.meanCentre(opener.open());
        BinnedShear b;
        try (CatalogReader reader = opener.open()) {
            b = new ShearBinner(map.grid(centre)).bin(reader, noise);
        }
        out.printf("binned %d galaxies onto %s (%d outside the tile, %d rows dropped for NaN/inf, %d for zero weight); sigma_e = %.3f (%s)%n",
                b.galaxiesUsed(), b.grid(), b.galaxiesOutside(), b.rowsDroppedNonFinite(), b.rowsDroppedZeroWeight(),
                b.sigmaE(), b.sigmaESource().name().toLowerCase(java.util.Locale.ROOT));
        if (b.rowsDroppedNonFinite() > 0) {
            out.printf("warning: %d catalog rows had NaN or infinite values and were dropped%n", b.rowsDroppedNonFinite());
        }
        if (b.sigmaESource() == ShapeNoise.Source.MEASURED && b.sigmaE() > CatalogPlausibility.MAX_RMS) {
            out.printf(java.util.Locale.ROOT, "warning: the measured shape noise sigma_e = %.3g looks like ellipticities in percent or"
                    + " another convention (shear catalogs: 0.2-0.4); if they are percent, divide e1 and e2 by 100%n", b.sigmaE());
        }
        return b;
    }

    /** Opens a fresh reader over the whole catalog. */
    @FunctionalInterface
    private interface Opener {
        CatalogReader open() throws CatalogException;
    }

    /** FITS and CSV through {@link Catalogs}; Parquet, which needs Hadoop, through {@link ParquetCatalogReader}. */
    private static Opener opener(Path catalog, ColumnMapping cols) throws CatalogException {
        if (CatalogFormat.detect(catalog) == CatalogFormat.PARQUET) {
            String uri = catalog.toAbsolutePath().toUri().toString();
            Configuration conf = new Configuration();
            return () -> ParquetCatalogReader.open(uri, conf, cols);
        }
        return () -> Catalogs.open(catalog, cols);
    }

    /** Provenance of this run: software version, configuration checksum, date. */
    static Provenance provenance(Settings s) {
        String rendered = s.config().root().render(ConfigRenderOptions.concise().setJson(true));
        return Provenance.of(Version.current(), Instant.now()).withConfigChecksum(Checksums.sha256(rendered));
    }

    /** Makes sure the parent of an output directory exists. */
    static Path outputDirectory(Path out) throws MassmapIoException {
        Path parent = out.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new MassmapIoException(out, "cannot create the parent directory " + parent, e);
        }
        return out;
    }

    /** A pixel size for messages: 4 significant digits, no trailing zeros ("0.29", "1"). */
    static String arcmin(double value) {
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Checks that an input file exists before any work starts. */
    static void requireFile(Path file, String option) {
        if (file == null) {
            throw new IllegalArgumentException(option + " is required");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
    }
}
