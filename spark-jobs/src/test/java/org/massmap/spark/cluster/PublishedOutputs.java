package org.massmap.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads what a run published under OUT/tiles/TILE/ (current.json names the attempt directory) and
 * compares the data of its FITS files between runs: the bytes of every HDU's data unit, not the
 * headers (which carry dates and attempt ids).
 */
final class PublishedOutputs {
    /** Products whose data hold wall-clock times: chains.fits (per-chain diagnostics, batch_wall_time). */
    static final Set<String> TIMED = Set.of("chains.fits");
    private static final int BLOCK = 2880;
    private static final int CARD = 80;

    private PublishedOutputs() {
    }

    /** Tile id (including "mosaic") → the published attempt directory. */
    static Map<String, Path> attempts(Path out) throws IOException {
        Map<String, Path> result = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> tiles = Files.list(out.resolve("tiles"))) {
            for (Path tile : tiles.filter(Files::isDirectory).toList()) {
                Path current = tile.resolve("current.json");
                if (Files.exists(current)) {
                    result.put(tile.getFileName().toString(), tile.resolve(json.readTree(current.toFile()).get("attempt").asText()));
                }
            }
        }
        return result;
    }

    /**
     * Asserts that two runs published the same tiles whose FITS files (all but {@link #TIMED}) hold
     * the same data, bit for bit.
     */
    static void assertSameData(Path expectedOut, Path actualOut) throws IOException {
        Map<String, Path> expected = attempts(expectedOut);
        Map<String, Path> actual = attempts(actualOut);
        assertEquals(expected.keySet(), actual.keySet(), "published tiles");
        assertTrue(expected.containsKey("mosaic"), "no mosaic in " + expectedOut);
        List<String> differing = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            try (Stream<Path> fits = Files.list(e.getValue())) {
                for (Path f : fits.filter(p -> p.toString().endsWith(".fits") && !TIMED.contains(p.getFileName().toString()))
                        .sorted().toList()) {
                    files++;
                    Path other = actual.get(e.getKey()).resolve(f.getFileName());
                    if (!Files.exists(other) || !dataDigests(f).equals(dataDigests(other))) {
                        differing.add(e.getKey() + "/" + f.getFileName());
                    }
                }
            }
        }
        assertTrue(files > expected.size(), "too few FITS files compared: " + files);
        assertEquals(List.of(), differing, "FITS data that differ between " + expectedOut + " and " + actualOut);
    }

    /** SHA-256 of the data unit of each HDU of a FITS file, in order (FITS standard 4.0, sections 3-4). */
    static List<String> dataDigests(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<String> digests = new ArrayList<>();
        int pos = 0;
        while (pos + BLOCK <= b.length) {
            Map<String, String> cards = new TreeMap<>();
            boolean end = false;
            while (!end) {
                if (pos + BLOCK > b.length) {
                    throw new IOException(file + ": header without END");
                }
                for (int c = pos; c < pos + BLOCK && !end; c += CARD) {
                    String card = new String(b, c, CARD, StandardCharsets.US_ASCII);
                    String key = card.substring(0, 8).trim();
                    end = key.equals("END");
                    if (!end && card.startsWith("= ", 8)) {
                        cards.put(key, card.substring(10).split("/", 2)[0].trim());
                    }
                }
                pos += BLOCK;
            }
            long bytes = dataBytes(cards);
            if (pos + bytes > b.length) {
                throw new IOException(file + ": truncated data unit (" + bytes + " bytes at " + pos + ")");
            }
            digests.add(sha256(b, pos, (int) bytes));
            pos += (int) ((bytes + BLOCK - 1) / BLOCK * BLOCK);
        }
        return digests;
    }

    /** |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 ⋯ NAXISn), 0 without axes. */
    private static long dataBytes(Map<String, String> cards) {
        int naxis = Integer.parseInt(cards.getOrDefault("NAXIS", "0"));
        if (naxis == 0) {
            return 0;
        }
        long n = 1;
        for (int i = 1; i <= naxis; i++) {
            n *= Long.parseLong(cards.get("NAXIS" + i));
        }
        long pcount = Long.parseLong(cards.getOrDefault("PCOUNT", "0"));
        long gcount = Long.parseLong(cards.getOrDefault("GCOUNT", "1"));
        return Math.abs(Integer.parseInt(cards.get("BITPIX"))) / 8 * gcount * (pcount + n);
    }

    /** NAXISn of the first HDU, n = 1..NAXIS. */
    static long[] primaryShape(byte[] fits) {
        Map<String, String> cards = new TreeMap<>();
        for (int c = 0; c + CARD <= fits.length; c += CARD) {
            String card = new String(fits, c, CARD, StandardCharsets.US_ASCII);
            if (card.startsWith("END ")) {
                break;
            }
            if (card.startsWith("= ", 8)) {
                cards.put(card.substring(0, 8).trim(), card.substring(10).split("/", 2)[0].trim());
            }
        }
        long[] shape = new long[Integer.parseInt(cards.get("NAXIS"))];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Long.parseLong(cards.get("NAXIS" + (i + 1)));
        }
        return shape;
    }

    private static String sha256(byte[] b, int from, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, from, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
