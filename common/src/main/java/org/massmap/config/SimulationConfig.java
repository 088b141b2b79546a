package org.massmap.config;

import java.util.List;
import org.massmap.sim.HaloModel;
import org.massmap.sim.HaloModelSpec;

/**
 * Reads the simulator's settings (section {@code simulation}) and refuses the halo keys it replaced:
 * {@code survey.halos.per-deg2}, {@code .m200-min}, {@code .m200-max}, {@code .slope} and
 * {@code .redshift} described an ad-hoc population (a power law in mass at one redshift) added on top
 * of a field that already carried the halos' power; halos now follow the Tinker et al. (2008) mass
 * function of section {@code theory} along the line of sight, in the mass range
 * {@code simulation.halos.m200-min/m200-max}, and {@code survey.halos} is a switch.
 */
public final class SimulationConfig {
    private static final List<String> REMOVED = List.of("per-deg2", "m200-min", "m200-max", "slope", "redshift");

    private SimulationConfig() {
    }

    /** The halo mass range, after checking no removed key is set. */
    public static HaloModelSpec halos(Settings s) {
        rejectRemovedKeys(s);
        return new HaloModelSpec(s.positive("simulation.halos.m200-min"), s.positive("simulation.halos.m200-max"));
    }

    /** The halo model of the settings: cosmology and n(z) of section theory, mass range of simulation.halos. */
    public static HaloModel haloModel(Settings s) throws org.massmap.theory.TheoryFileException {
        return new HaloModel(TheoryConfig.settings(s), halos(s));
    }

    /** Throws, naming the replacement, if a configuration still sets one of the removed survey.halos.* keys. */
    public static void rejectRemovedKeys(Settings s) {
        if (!s.config().hasPath("survey.halos")
                || s.config().getValue("survey.halos").valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
            return;
        }
        for (String k : REMOVED) {
            String key = "survey.halos." + k;
            if (s.config().hasPathOrNull(key)) {
                String fix = k.startsWith("m200") ? "set simulation.halos." + k + " instead"
                        : "remove it: halo numbers and redshifts now follow the Tinker et al. (2008) mass function of section theory"
                                + " (cosmology and theory.nz), with masses in simulation.halos.m200-min..m200-max";
                throw new SettingException(key + " is no longer a setting; " + fix
                        + ", and use survey.halos = true|false to switch mock-survey halos");
            }
        }
    }
}
