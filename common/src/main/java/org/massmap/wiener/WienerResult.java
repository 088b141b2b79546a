package org.massmap.wiener;

/**
 * A Wiener-filter solve: the map, the number of conjugate-gradient iterations, the final relative
 * residual ‖b − Hx‖/‖b‖ of the normal equations, and whether it met the tolerance.
 */
public record WienerResult(double[] kappa, int iterations, double relativeResidual, boolean converged) implements java.io.Serializable {
}
