package org.massmap.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes JSON documents such as the per-run {@code manifest.json}: maps, lists, records
 * and plain values, written pretty-printed in UTF-8 with a final newline, atomically (see
 * {@link AtomicFile}). Map entries keep their iteration order. Times should be given as ISO-8601
 * strings (no Java-time module is registered). Thread-safe: the Jackson reader and writer are immutable.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // files from newer versions still read
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader READER = MAPPER.reader();

    private JsonFiles() {
    }

    /**
     * The project's one JSON set-up (records, pretty printed, unknown properties ignored on reading),
     * shared by every reader and writer of JSON (metadata, manifests, reports). Thread-safe; never
     * reconfigure it (derive a writer or reader instead).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises {@code value} to pretty-printed JSON text ending in a newline. */
    public static String toJson(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot express a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code value} as JSON to {@code file}, atomically. */
    public static void write(Path file, Object value) throws MassmapIoException {
        byte[] bytes;
        try {
            bytes = toJson(value).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MassmapIoException(file, "cannot write JSON", e);
        }
        AtomicFile.writeBytes(file, bytes);
    }

    /** Reads the JSON tree of {@code file}. */
    public static JsonNode readTree(Path file) throws MassmapIoException {
        byte[] bytes = readBytes(file);
        try {
            JsonNode node = READER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MassmapIoException(file, "the file is empty, expected a JSON document");
            }
            return node;
        } catch (IOException e) {
            throw new MassmapIoException(file, "not valid JSON", e);
        }
    }

    /** Reads {@code file} into an instance of {@code type} (a record, a Map, ...). */
    public static <T> T read(Path file, Class<T> type) throws MassmapIoException {
        JsonNode tree = readTree(file);
        try {
            return READER.treeToValue(tree, type);
        } catch (IOException e) {
            throw new MassmapIoException(file, "the JSON does not match the expected " + type.getSimpleName() + " structure", e);
        }
    }

    private static byte[] readBytes(Path file) throws MassmapIoException {
        if (!Files.isRegularFile(file)) {
            throw new MassmapIoException(file, "no such file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MassmapIoException(file, "cannot read", e);
        }
    }
}
