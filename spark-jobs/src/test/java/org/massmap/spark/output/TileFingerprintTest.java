package org.massmap.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.survey.Tile;

class TileFingerprintTest {

    private static final Tile TILE = new Tile("t012_0034", 150.1, 2.2, 128, 0.5);
    private static final String MODEL = "c".repeat(64);
    private static final String CONFIG = CanonicalJson.of(Map.of("map", Map.of("size", 128, "pixel-arcmin", 0.5), "seed", 7));

    @TempDir
    Path dir;

    /** n random galaxies as rows {ra, dec, e1, e2, w}. */
    private static List<double[]> galaxies(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(new double[] {r.nextDouble(149.5, 150.7), r.nextDouble(1.6, 2.8), r.nextGaussian() * 0.3, r.nextGaussian() * 0.3,
                r.nextDouble(0.5, 2)});
        }
        return g;
    }

    private static GalaxyDigest digest(List<double[]> rows) {
        GalaxyDigest d = new GalaxyDigest();
        rows.forEach(g -> d.add(g[0], g[1], g[2], g[3], g[4]));
        return d;
    }

    private static TileFingerprint fingerprint(List<double[]> rows) {
        return TileFingerprint.of(TILE, digest(rows), MODEL, CONFIG);
    }

    @Test
    void theOrderAndPartitioningOfGalaxiesDoNotMatter() throws Exception {
        List<double[]> rows = galaxies(10_000, 1);
        TileFingerprint expected = fingerprint(rows);
        List<double[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(2));
        assertEquals(expected, fingerprint(shuffled));
        // Four partitions digested separately (one shipped through Java serialization, as Spark does), then merged.
        GalaxyDigest merged = new GalaxyDigest();
        for (int p = 0; p < 4; p++) {
            GalaxyDigest part = digest(shuffled.subList(p * 2500, (p + 1) * 2500));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(part);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                merged.merge((GalaxyDigest) in.readObject());
            }
        }
        assertEquals(digest(rows), merged);
        assertEquals(expected, TileFingerprint.of(TILE, merged, MODEL, CONFIG));
    }

    @Test
    void anyChangeOfContentChangesTheFingerprint() {
        List<double[]> rows = galaxies(1000, 3);
        TileFingerprint base = fingerprint(rows);
        for (int field = 0; field < 5; field++) {
            List<double[]> changed = new ArrayList<>(rows);
            double[] g = rows.get(500).clone();
            g[field] = Math.nextUp(g[field]); // one ulp in one field of one galaxy
            changed.set(500, g);
            assertNotEquals(base, fingerprint(changed), "field " + field);
        }
        assertNotEquals(base, fingerprint(rows.subList(1, rows.size())), "a galaxy removed");
        List<double[]> duplicated = new ArrayList<>(rows);
        duplicated.add(rows.get(7));
        assertNotEquals(base, fingerprint(duplicated), "a galaxy listed twice");
        List<double[]> swapped = new ArrayList<>(rows); // e1 and e2 of one galaxy exchanged: fields are ordered
        double[] g = rows.get(9).clone();
        swapped.set(9, new double[] {g[0], g[1], g[3], g[2], g[4]});
        assertNotEquals(base, fingerprint(swapped));
        assertNotEquals(base, TileFingerprint.of(TILE, digest(rows), "d".repeat(64), CONFIG), "another model");
        assertNotEquals(base, TileFingerprint.of(TILE, digest(rows), null, CONFIG), "no model");
        assertNotEquals(base, TileFingerprint.of(TILE, digest(rows), MODEL, CanonicalJson.of(Map.of("seed", 8))), "another config");
        assertNotEquals(base, TileFingerprint.of(new Tile("t012_0034", 150.1, 2.2, 128, 0.29), digest(rows), MODEL, CONFIG), "other pixels");
    }

    @Test
    void equalValuesAreEqualContent() {
        GalaxyDigest a = new GalaxyDigest();
        a.add(10, 0.0, 0.1, -0.0, 1);
        GalaxyDigest b = new GalaxyDigest();
        b.add(10, -0.0, 0.1, 0.0, 1);
        assertEquals(a, b);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", List.of(1, 2));
        first.put("a", Map.of("y", 2.5, "x", "s"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", Map.of("x", "s", "y", 2.5));
        second.put("b", List.of(1, 2));
        assertEquals(CanonicalJson.of(first), CanonicalJson.of(second));
        assertEquals("{\"a\":{\"x\":\"s\",\"y\":2.5},\"b\":[1,2]}", CanonicalJson.of(first));
        assertEquals(CanonicalJson.of(first), CanonicalJson.ofText("{ \"b\": [1, 2], \"a\": {\"y\": 2.5, \"x\": \"s\"} }"));
        assertNotEquals(CanonicalJson.of(Map.of("b", List.of(2, 1))), CanonicalJson.of(Map.of("b", List.of(1, 2))));
    }

    @Test
    void theDefinitionIsPinned() {
        // Fingerprints decide which tiles a nightly run recomputes: a change of definition must be deliberate
        // (it recomputes every tile once). Values from an independent Python implementation of the definition in
        // the GalaxyDigest and TileFingerprint Javadoc (struct bit patterns, MurmurHash3 fmix64, hashlib.sha256).
        GalaxyDigest d = new GalaxyDigest();
        d.add(150.1, 2.2, 0.01, -0.02, 1.0);
        d.add(150.2, 2.3, -0.03, 0.04, 0.5);
        assertEquals("2:" + PINNED_SUM_A + ":" + PINNED_SUM_B, d.canonical());
        assertEquals(PINNED_FINGERPRINT, TileFingerprint.of(TILE, d, MODEL, "{\"seed\":7}").sha256());
    }

    private static final String PINNED_SUM_A = "90f0a000e433c708";
    private static final String PINNED_SUM_B = "2a8585a5ac827019";
    private static final String PINNED_FINGERPRINT = "d1e992df309ae247b6c52e99e8e9af0e72f506503758ad5b9f4261ecc2587fbc";

    @Test
    void fingerprintsOfCatalogFilesFollowTheirContentNotTheirFileTimesOrRowOrder() throws Exception {
        Path catalog = dir.resolve("cat.csv");
        List<double[]> rows = galaxies(300, 4);
        writeCsv(catalog, rows);
        TileFingerprint first = fromFile(catalog);
        Files.setLastModifiedTime(catalog, FileTime.from(Instant.now().plusSeconds(86_400))); // touch
        assertEquals(first, fromFile(catalog));
        List<double[]> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        writeCsv(catalog, reversed); // rewritten in another order: same galaxies
        assertEquals(first, fromFile(catalog));
        rows.get(0)[2] += 0.001;
        writeCsv(catalog, rows);
        assertNotEquals(first, fromFile(catalog));
    }

    private static void writeCsv(Path file, List<double[]> rows) throws Exception {
        StringBuilder b = new StringBuilder("ra,dec,e1,e2,w\n");
        for (double[] g : rows) {
            b.append(g[0]).append(',').append(g[1]).append(',').append(g[2]).append(',').append(g[3]).append(',').append(g[4]).append('\n');
        }
        Files.writeString(file, b);
    }

    private static TileFingerprint fromFile(Path file) throws Exception {
        GalaxyDigest d = new GalaxyDigest();
        try (CatalogReader r = Catalogs.open(file, ColumnMapping.defaults().withWeight("w"))) {
            GalaxyChunk chunk = new GalaxyChunk(64);
            while (r.next(chunk)) {
                for (int i = 0; i < chunk.size(); i++) {
                    if (TILE.contains(chunk.ra()[i], chunk.dec()[i])) {
                        d.add(chunk.ra()[i], chunk.dec()[i], chunk.e1()[i], chunk.e2()[i], chunk.w()[i]);
                    }
                }
            }
        }
        return TileFingerprint.of(TILE, d, MODEL, CONFIG);
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TileFingerprint("ABC"));
        assertThrows(IllegalArgumentException.class, () -> TileFingerprint.of(TILE, new GalaxyDigest(), MODEL, null));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.ofText("{not json"));
    }
}
