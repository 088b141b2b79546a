package org.massmap.config;

import java.util.Optional;
import java.util.OptionalDouble;
import org.massmap.catalog.ShapeNoise;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileEmbedding;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;

/**
 * Geometry and noise options shared by every map-making command (config section {@code map}).
 *
 * @param size        pixels per side of the square tile
 * @param pixelArcmin pixel side in arcmin
 * @param center      tile centre, or empty for the catalog's centre
 * @param sigmaE      per-component shape noise of one galaxy, or empty to measure it
 * @param flipE1      negate e1 of the input catalog
 * @param flipE2      negate e2 of the input catalog
 * @param shearModel  what ellipticities estimate
 * @param embeddingMargin extra side of the periodic grid each tile is inferred on, as a fraction of the
 *                    tile side ({@link TileEmbedding}; 0 = the tile is the torus)
 */
public record MapSettings(int size, double pixelArcmin, Optional<SkyPoint> center, OptionalDouble sigmaE,
        boolean flipE1, boolean flipE2, ShearModel shearModel, double embeddingMargin) {

    public MapSettings {
        if (size < 4) {
            throw new SettingException("map.size must be at least 4 pixels, got " + size);
        }
        if (!(pixelArcmin > 0) || !Double.isFinite(pixelArcmin)) {
            throw new SettingException("map.pixel-arcmin must be positive, got " + pixelArcmin);
        }
        if (sigmaE.isPresent() && !(sigmaE.getAsDouble() > 0 && sigmaE.getAsDouble() < 2)) {
            throw new SettingException("map.sigma-e must lie in (0, 2), got " + sigmaE.getAsDouble());
        }
        if (!(embeddingMargin >= 0 && embeddingMargin <= TileEmbedding.MAX_FRACTION)) {
            throw new SettingException("map.embedding-margin must lie in [0, " + TileEmbedding.MAX_FRACTION
                    + "] (a fraction of the tile side; 0 = no margin), got " + embeddingMargin);
        }
    }

    /** Settings without a margin (each tile is its own torus). */
    public MapSettings(int size, double pixelArcmin, Optional<SkyPoint> center, OptionalDouble sigmaE, boolean flipE1,
            boolean flipE2, ShearModel shearModel) {
        this(size, pixelArcmin, center, sigmaE, flipE1, flipE2, shearModel, 0);
    }

    public static MapSettings from(Settings s) {
        String centre = s.string("map.center").trim();
        Optional<SkyPoint> c;
        try {
            c = centre.isEmpty() ? Optional.empty() : Optional.of(SkyPoint.parse(centre));
        } catch (IllegalArgumentException e) {
            throw new SettingException("map.center: " + e.getMessage(), e);
        }
        double sigmaE = s.nonNegative("map.sigma-e");
        return new MapSettings(s.positiveInt("map.size"), s.positive("map.pixel-arcmin"), c,
                sigmaE == 0 ? OptionalDouble.empty() : OptionalDouble.of(sigmaE),
                s.bool("map.flip-e1"), s.bool("map.flip-e2"), s.enumValue("map.shear-model", ShearModel.class),
                s.nonNegative("map.embedding-margin"));
    }

    /** The tile grid at a given centre. */
    public TileGrid grid(SkyPoint centre) {
        return TileGrid.square(size, pixelArcmin, centre);
    }

    /** How a tile on {@code grid} is embedded for inference ({@link #embeddingMargin}). */
    public TileEmbedding embedding(TileGrid tile) {
        return TileEmbedding.of(tile, embeddingMargin);
    }

    /** Shape noise per component: the configured σ_e, or measured from the catalog when none is set. */
    public ShapeNoise shapeNoise() {
        return sigmaE.isPresent() ? ShapeNoise.configured(sigmaE.getAsDouble()) : ShapeNoise.measured();
    }
}
