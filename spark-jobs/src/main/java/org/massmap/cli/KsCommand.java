package org.massmap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder until catalog binning lands: `massmap ks`. */
@Command(name = "ks", mixinStandardHelpOptions = true, description = "Kaiser-Squires mass map of a catalog.")
final class KsCommand implements Callable<Integer> {
    @Mixin
    MapOptions map;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ks: not yet wired");
    }
}
