package org.massmap.cli;

import picocli.CommandLine.IVersionProvider;

/** Version string from the jar manifest (or "development" when run from classes). */
final class Version implements IVersionProvider {
    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"massmap " + current()};
    }
}
