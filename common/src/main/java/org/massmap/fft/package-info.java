/**
 * Two-dimensional FFTs over JTransforms in double precision. Convention (docs/conventions.md, FFT):
 * unnormalised forward transform, 1/(nx*ny) on the inverse; frequencies in cycles per pixel as
 * numpy's {@code fftfreq}; complex arrays interleaved (re, im) in row-major order.
 */
package org.massmap.fft;
