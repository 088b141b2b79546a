package org.massmap.spark.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.massmap.io.JsonFiles;

/**
 * The canonical JSON text of a configuration, so that equal settings give equal fingerprints:
 * object keys sorted (recursively), no white space, numbers as Jackson writes them (shortest
 * round-trip form for doubles), array order kept. Accepts anything Jackson can express (a
 * {@link JsonNode}, maps, lists, records). Stateless and thread-safe.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonFiles.mapper();
    private static final ObjectWriter COMPACT = MAPPER.writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private CanonicalJson() {
    }

    /** The canonical text of {@code value}. */
    public static String of(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        try {
            return COMPACT.writeValueAsString(sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot express the configuration as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text (e.g. a rendered Typesafe config) and returns its canonical text. */
    public static String ofText(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
