package org.massmap.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from the layered configuration: an option whose descriptionKey is a
 * configuration key defaults to that key's value, so help text and behaviour agree with conf/.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    private final Config config;

    ConfigDefaults(Config config) {
        this.config = config;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String key = option.descriptionKey();
        if (key == null || key.isEmpty() || !config.hasPath(key)) {
            return null;
        }
        ConfigValue v = config.getValue(key);
        Object unwrapped = v.unwrapped();
        if (unwrapped instanceof java.util.List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        String s = String.valueOf(unwrapped);
        if (s.isEmpty() || !convertible(s, option.type())) {
            return null; // a bad value is then reported by the command under its configuration key, not this option
        }
        return s;
    }

    /** Whether a configuration value converts to a numeric or boolean option's type. */
    private static boolean convertible(String s, Class<?> type) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(s.trim());
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(s.trim());
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(s.trim());
            } else if ((type == boolean.class || type == Boolean.class) && !s.trim().matches("(?i)true|false|yes|no|on|off")) {
                return false;
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
