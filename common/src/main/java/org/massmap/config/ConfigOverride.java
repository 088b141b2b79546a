package org.massmap.config;

/**
 * One key set on the command line, with what set it, so that an error can name it.
 *
 * @param key    dotted configuration key
 * @param value  the value as typed (HOCON for lists, objects and quoted strings)
 * @param source what set it, as the user typed it: "--set map.size=64" or "option --size"
 */
public record ConfigOverride(String key, String value, String source) {

    /** A {@code --set key=value} flag. */
    public static ConfigOverride set(String key, String value) {
        return new ConfigOverride(key, value, "--set " + key + "=" + value);
    }

    /** A command-line option that mirrors a key (e.g. {@code --size} for {@code map.size}). */
    public static ConfigOverride option(String key, String value, String optionName) {
        return new ConfigOverride(key, value, "option " + optionName);
    }
}
