/**
 * Process-wide runtime settings and state, in one documented place: how many threads the FFT
 * library may use inside one transform, and whether the JVM is shutting down.
 */
package org.massmap.runtime;
