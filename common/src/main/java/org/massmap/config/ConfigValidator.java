package org.massmap.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a layered configuration against {@link SettingRegistry} before anything runs: every key must
 * be declared (else the nearest declared keys are suggested), every value must be of its declared type
 * and range, and no declared key may be missing. Each problem names what set the value: a --set flag
 * or option, a --conf file and line, or a bundled preset.
 */
final class ConfigValidator {
    private static final String WHERE_KEYS_ARE = "every key is listed with its default in conf/massmap.conf";

    private ConfigValidator() {
    }

    /**
     * @param resolved  the layered, resolved configuration
     * @param overrides the command-line overrides it was built with (they name their source)
     * @throws SettingException listing every problem, one per line
     */
    static void check(Config resolved, List<ConfigOverride> overrides) {
        SimulationConfig.rejectRemovedKeys(new Settings(resolved));
        Map<String, String> problems = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : resolved.entrySet()) {
            String key = e.getKey();
            String where = source(key, e.getValue(), overrides);
            Setting declared = SettingRegistry.find(key).orElse(null);
            if (declared == null) {
                List<String> near = SettingRegistry.suggestions(key);
                problems.put(key, "unknown configuration key " + key + " (" + where + "); "
                        + (near.isEmpty() ? WHERE_KEYS_ARE : "did you mean " + String.join(" or ", near) + "?"));
                continue;
            }
            String problem = declared.problem(e.getValue());
            if (problem != null) {
                problems.put(key, key + " " + problem + " (" + where + ")");
            }
        }
        for (Setting s : SettingRegistry.all()) {
            if (!resolved.hasPath(s.key()) && !problems.containsKey(s.key())) {
                problems.put(s.key(), s.key() + " is missing or null (expected " + s.expected() + "); a --set or --conf that"
                        + " replaces a whole section drops its other keys: set single keys instead");
            }
        }
        if (problems.size() == 1) {
            throw new SettingException(problems.values().iterator().next());
        }
        if (!problems.isEmpty()) {
            throw new SettingException(problems.size() + " configuration problems:\n  " + String.join("\n  ", problems.values()));
        }
    }

    /** What set a key: the last override at or above it, else the file, preset or defaults it was read from. */
    static String source(String key, ConfigValue value, List<ConfigOverride> overrides) {
        List<ConfigOverride> reversed = new ArrayList<>(overrides);
        java.util.Collections.reverse(reversed);
        for (ConfigOverride o : reversed) {
            if (key.equals(o.key()) || key.startsWith(o.key() + ".")) {
                return o.source();
            }
        }
        ConfigOrigin origin = value.origin();
        String line = origin.lineNumber() > 0 ? ", line " + origin.lineNumber() : "";
        if (origin.resource() != null) {
            String resource = origin.resource();
            String shown = resource.startsWith("massmap/") ? resource.substring("massmap/".length()) : resource;
            return "bundled " + shown + line;
        }
        if (origin.filename() != null) {
            return "file " + origin.filename() + line;
        }
        return origin.description();
    }
}
