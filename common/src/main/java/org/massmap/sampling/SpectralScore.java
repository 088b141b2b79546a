package org.massmap.sampling;

/**
 * A prior score that can be computed from the map's spectrum and delivered as a spectrum (a Gaussian
 * prior's is a Fourier filter; the hybrid prior's Gaussian part, window and output are too), so a
 * posterior can add it to the likelihood gradient's spectrum and share that gradient's forward and
 * inverse transforms instead of transforming every map twice more.
 *
 * <p>Spectra are interleaved complex arrays on the ny×nx grid in {@code org.massmap.fft.Fft2}'s
 * layout (unnormalised forward transform).
 */
public interface SpectralScore extends ScoreFunction {

    /**
     * Adds to {@code targets[b]} the spectrum of s(maps[b], sigmas[b]) for every b, given the maps and
     * their spectra (left unchanged). The inverse transform of what is added is {@link #score}.
     */
    void addScoreSpectra(double[][] maps, double[][] mapSpectra, double[] sigmas, double[][] targets);
}
