package org.massmap.spark.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.massmap.survey.Tile;

/**
 * What a tile's result depends on, as a SHA-256 (64 lowercase hex digits). It is computed from
 * content only, never from file names or modification times, so touching an input changes nothing
 * and the same inputs always give the same fingerprint. The hashed text is, line by line:
 * <pre>
 * massmap tile fingerprint v1
 * tile ID RA DEC SIZE PIXEL_ARCMIN        (the tile's geometry, doubles in Java's shortest round-trip form)
 * galaxies N:SUMA:SUMB                    ({@link GalaxyDigest#canonical()} of the galaxies on the tile)
 * model SHA256                            (checksum of the score model file, or "none")
 * config JSON                             ({@link CanonicalJson} of the settings that affect the result)
 * </pre>
 * The configuration should be the resolved settings relevant to the tile's result (tiling, map,
 * noise, prior, sampler, seeds), not run-specific values such as output paths or thread counts,
 * which would make every tile look changed. Immutable.
 *
 * @param sha256 the fingerprint, 64 lowercase hex digits
 */
public record TileFingerprint(String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public TileFingerprint {
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a tile fingerprint is 64 lowercase hex digits, got '" + sha256 + "'");
        }
    }

    /**
     * The fingerprint of {@code tile} computed over {@code galaxies} with the model of checksum
     * {@code modelSha256} (null when none is used) and the canonical configuration text
     * {@code canonicalConfig} (see {@link CanonicalJson}).
     */
    public static TileFingerprint of(Tile tile, GalaxyDigest galaxies, String modelSha256, String canonicalConfig) {
        if (canonicalConfig == null) {
            throw new IllegalArgumentException("a tile fingerprint needs the canonical configuration (use \"{}\" for none)");
        }
        String text = "massmap tile fingerprint v1\n"
                + "tile " + tile.id() + " " + tile.raDeg() + " " + tile.decDeg() + " " + tile.size() + " " + tile.pixelArcmin() + "\n"
                + "galaxies " + galaxies.canonical() + "\n"
                + "model " + (modelSha256 == null ? "none" : modelSha256) + "\n"
                + "config " + canonicalConfig + "\n";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new TileFingerprint(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return sha256;
    }
}
