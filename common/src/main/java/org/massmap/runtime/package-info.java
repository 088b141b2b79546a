/**
 * Process-wide runtime settings, made once in one documented place: how many threads the FFT
 * library may use inside one transform.
 */
package org.massmap.runtime;
