package org.massmap.spark.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The content of a tile's {@code current.json}: which attempt directory holds the tile's published
 * files, with their sizes and SHA-256, the fingerprint of the inputs they were computed from, the
 * run that produced them and when they were published (UTC, ISO-8601). Immutable; read and written
 * as JSON.
 *
 * @param format      {@value #FORMAT}
 * @param tile        tile id
 * @param fingerprint {@link TileFingerprint} of the inputs
 * @param runId       run that produced the files
 * @param attempt     attempt directory name, relative to the tile directory
 * @param published   publication time, ISO-8601 UTC
 * @param files       the files, paths relative to the attempt directory with '/' separators
 * @param info        free-form facts worth keeping (galaxy count, model checksum, ...)
 */
public record TileManifest(String format, String tile, String fingerprint, String runId, String attempt, String published,
        List<FileEntry> files, Map<String, String> info) {

    /** The format tag of this version of the manifest. */
    public static final String FORMAT = "massmap-tile-manifest/1";

    private static final ObjectMapper JSON = org.massmap.io.JsonFiles.mapper();

    public TileManifest {
        files = List.copyOf(files);
        info = info == null ? Map.of() : Map.copyOf(info);
    }

    /**
     * One published file.
     *
     * @param name   path relative to the attempt directory
     * @param bytes  size in bytes
     * @param sha256 SHA-256 of the content, 64 lowercase hex digits
     */
    public record FileEntry(String name, long bytes, String sha256) {
    }

    /** The fingerprint as a value. */
    public TileFingerprint tileFingerprint() {
        return new TileFingerprint(fingerprint);
    }

    /** The entry for {@code name}, if the tile has that file. */
    public java.util.Optional<FileEntry> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** UTF-8 JSON text. */
    byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a tile manifest as JSON", e);
        }
    }

    /** Parses a manifest read from {@code location}, checking its format and tile id. */
    static TileManifest parse(byte[] json, String location, String expectedTile) throws OutputException {
        TileManifest m;
        try {
            m = JSON.readValue(json, TileManifest.class);
        } catch (IOException e) {
            throw new OutputException(location, "is not a valid tile manifest (damaged or written by another program?)", e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new OutputException(location, "has format '" + m.format() + "', expected '" + FORMAT + "'; upgrade massmap to read it");
        }
        if (!expectedTile.equals(m.tile()) || m.attempt() == null || m.fingerprint() == null) {
            throw new OutputException(location, "describes tile '" + m.tile() + "' (attempt " + m.attempt() + "), expected tile '"
                    + expectedTile + "' with an attempt and a fingerprint");
        }
        return m;
    }
}
