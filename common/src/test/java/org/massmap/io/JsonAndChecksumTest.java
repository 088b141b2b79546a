package org.massmap.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAndChecksumTest {

    @TempDir
    Path dir;

    record TileStatus(String tile, String status, double seconds) {
    }

    record Manifest(String software, long seed, List<TileStatus> tiles, Map<String, String> inputs) {
    }

    @Test
    void manifestRoundTrip() throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("catalog.fits", "ab12");
        inputs.put("model.zip", "cd34");
        Manifest m = new Manifest("0.1.0", 42L, List.of(new TileStatus("t0", "done", 1.5), new TileStatus("t1", "skipped", 0)), inputs);
        Path file = dir.resolve("manifest.json");
        JsonFiles.write(file, m);

        String text = Files.readString(file);
        assertTrue(text.contains("\n  \"seed\" : 42"), text); // pretty-printed
        assertTrue(text.endsWith("\n"));
        assertEquals(m, JsonFiles.read(file, Manifest.class));
        JsonNode tree = JsonFiles.readTree(file);
        assertEquals("skipped", tree.get("tiles").get(1).get("status").asText());
        assertEquals(List.of("catalog.fits", "model.zip"), iterable(tree.get("inputs")));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badJsonNamesTheFile() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"a\": [1, 2");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> JsonFiles.readTree(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("not valid JSON"), e.getMessage());
        MassmapIoException missing = assertThrows(MassmapIoException.class, () -> JsonFiles.readTree(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json"));
        Path wrongShape = dir.resolve("shape.json");
        Files.writeString(wrongShape, "{\"software\": \"x\", \"seed\": \"not a number\"}");
        MassmapIoException shape = assertThrows(MassmapIoException.class, () -> JsonFiles.read(wrongShape, Manifest.class));
        assertTrue(shape.getMessage().contains("shape.json"), shape.getMessage());
    }

    @Test
    void sha256KnownAnswers() throws Exception {
        // FIPS 180-2 test vectors.
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Checksums.sha256(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksums.sha256("abc"));
        Path file = dir.resolve("f.bin");
        byte[] bytes = "abc".repeat(100_000).getBytes(StandardCharsets.UTF_8); // several read buffers
        Files.write(file, bytes);
        assertEquals(Checksums.sha256(bytes), Checksums.sha256(file));
        assertThrows(MassmapIoException.class, () -> Checksums.sha256(dir.resolve("missing.bin")));
    }
}
