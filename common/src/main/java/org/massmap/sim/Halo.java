package org.massmap.sim;

import org.massmap.grid.SkyPoint;

/**
 * An injected halo: sky position, projected NFW profile, and, for reports, its mass M200 in
 * M_sun/h and lens redshift (NaN when the halo was specified directly by its profile).
 */
public record Halo(SkyPoint position, NfwProfile profile, double m200, double redshift) {
}
