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
        return s.isEmpty() ? null : s;
    }
}
