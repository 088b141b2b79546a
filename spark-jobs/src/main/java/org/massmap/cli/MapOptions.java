package org.massmap.cli;

import picocli.CommandLine.Option;

/** Geometry and noise options shared by ks, wiener and sample (config section {@code map}). */
public final class MapOptions {
    @Option(names = "--size", paramLabel = "N", descriptionKey = "map.size",
            description = "Pixels per side of the tile (default ${DEFAULT-VALUE}).")
    Integer size;

    @Option(names = "--pixel-arcmin", paramLabel = "P", descriptionKey = "map.pixel-arcmin",
            description = "Pixel side in arcmin (default ${DEFAULT-VALUE}).")
    Double pixelArcmin;

    @Option(names = "--center", paramLabel = "RA,DEC", descriptionKey = "map.center",
            description = "Tile centre in degrees (default: the catalog's centre).")
    String center;

    @Option(names = "--sigma-e", paramLabel = "S", descriptionKey = "map.sigma-e",
            description = "Per-component shape noise of one galaxy; 0 measures it from the catalog (default ${DEFAULT-VALUE}).")
    Double sigmaE;

    @Option(names = "--flip-e1", descriptionKey = "map.flip-e1", arity = "0..1", fallbackValue = "true",
            description = "Negate e1 of the catalog (default ${DEFAULT-VALUE}).")
    Boolean flipE1;

    @Option(names = "--flip-e2", descriptionKey = "map.flip-e2", arity = "0..1", fallbackValue = "true",
            description = "Negate e2 of the catalog (default ${DEFAULT-VALUE}).")
    Boolean flipE2;

    @Option(names = "--shear-model", paramLabel = "MODEL", descriptionKey = "map.shear-model",
            description = "shear or reduced-shear (default ${DEFAULT-VALUE}).")
    String shearModel;
}
