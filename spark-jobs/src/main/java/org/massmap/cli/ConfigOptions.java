package org.massmap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The --conf and --set options every command accepts. */
public final class ConfigOptions {

    @Option(names = "--conf", paramLabel = "FILE",
            description = "HOCON configuration file layered over the defaults in conf/massmap.conf.")
    Path confFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set map.size=64 (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    /**
     * Reads --conf and --set from raw arguments before picocli parses them, so that option defaults
     * (and --help) can show the configuration in effect.
     */
    static ConfigOptions prescan(String[] args) {
        ConfigOptions o = new ConfigOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if ((a.equals("--conf") || a.equals("--set")) && i + 1 < args.length) {
                value = args[++i];
            }
            if (value == null) {
                continue;
            }
            if (name.equals("--conf")) {
                o.confFile = Path.of(value);
            } else if (name.equals("--set")) {
                int kv = value.indexOf('=');
                if (kv > 0) {
                    o.sets.put(value.substring(0, kv).trim(), value.substring(kv + 1).trim());
                }
            }
        }
        return o;
    }
}
