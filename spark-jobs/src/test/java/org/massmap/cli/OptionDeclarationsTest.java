package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.config.Setting;
import org.massmap.config.SettingRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options that mirror a configuration key (their descriptionKey) agree with its declaration: the key
 * is declared, the option's type fits the key's, the default shown by --help is the configuration's
 * (no literal default in the annotation) and a label listing choices lists the declared ones.
 */
class OptionDeclarationsTest {
    private static final Map<Class<?>, List<Setting.Type>> FITS = Map.of(
            Integer.class, List.of(Setting.Type.INT), int.class, List.of(Setting.Type.INT),
            Long.class, List.of(Setting.Type.LONG), long.class, List.of(Setting.Type.LONG),
            Double.class, List.of(Setting.Type.NUMBER), double.class, List.of(Setting.Type.NUMBER),
            Boolean.class, List.of(Setting.Type.BOOLEAN), boolean.class, List.of(Setting.Type.BOOLEAN),
            String.class, List.of(Setting.Type.STRING, Setting.Type.CHOICE, Setting.Type.NUMBER_OR_AUTO));

    /** Every option of every command that names a configuration key, as "command option". */
    static Map<String, OptionSpec> mirroringOptions() {
        Map<String, OptionSpec> found = new java.util.TreeMap<>();
        collect(new CommandLine(new Main()), found);
        return found;
    }

    private static void collect(CommandLine cli, Map<String, OptionSpec> into) {
        for (OptionSpec o : cli.getCommandSpec().options()) {
            if (o.descriptionKey() != null && !o.descriptionKey().isEmpty() && !o.usageHelp() && !o.versionHelp()) {
                into.put(cli.getCommandSpec().qualifiedName() + " " + o.longestName(), o);
            }
        }
        cli.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    static List<String> disagreements(Map<String, OptionSpec> options) {
        List<String> out = new ArrayList<>();
        options.forEach((name, o) -> {
            Setting s = SettingRegistry.find(o.descriptionKey()).orElse(null);
            if (s == null) {
                out.add(name + ": " + o.descriptionKey() + " is not declared");
                return;
            }
            if (!FITS.getOrDefault(o.type(), List.of()).contains(s.type())) {
                out.add(name + ": a " + o.type().getSimpleName() + " option for " + s.key() + " of type " + s.type());
            }
            if (o.defaultValue() != null) {
                out.add(name + ": literal default " + o.defaultValue() + " (the configuration supplies it)");
            }
            if (String.join(" ", o.description()).matches(".*default [0-9].*")) {
                out.add(name + ": a literal default in the description (use ${DEFAULT-VALUE})");
            }
            if (s.type() == Setting.Type.CHOICE && o.paramLabel().contains("|")
                    && !Arrays.asList(o.paramLabel().split("\\|")).equals(s.choices())) {
                out.add(name + ": label " + o.paramLabel() + " but choices " + s.choices());
            }
        });
        return out;
    }

    @Test
    void optionsMirroringKeysAgreeWithTheirDeclarations() {
        Map<String, OptionSpec> options = mirroringOptions();
        assertTrue(options.size() >= 40, "found " + options.keySet());
        assertTrue(options.containsKey("massmap theory --t-cmb"), options.keySet().toString());
        assertEquals(List.of(), disagreements(options));
    }

    @Test
    void theCheckFindsADisagreement() {
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
        spec.addOption(OptionSpec.builder("--levels").type(Double.class).descriptionKey("sampler.levels").build());
        spec.addOption(OptionSpec.builder("--prior").type(String.class).paramLabel("gaussian|neural")
                .descriptionKey("sampler.prior").build());
        spec.addOption(OptionSpec.builder("--levelz").type(Integer.class).descriptionKey("sampler.levelz").build());
        Map<String, OptionSpec> planted = new java.util.TreeMap<>();
        spec.options().forEach(o -> planted.put(o.longestName(), o));
        assertEquals(3, disagreements(planted).size(), disagreements(planted).toString());
    }

    @Test
    void cosmosPriorChoicesAreTheEnumsConstants() {
        assertEquals(Arrays.stream(CosmosCommand.Priors.values()).map(Setting::choiceName).toList(),
                SettingRegistry.find("cosmos.priors").orElseThrow().choices());
    }
}
