package org.massmap.config;

import java.nio.file.Path;
import org.massmap.prior.PixelWindow;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.theory.CosmologyParams;
import org.massmap.theory.NonLinear;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TabulatedConvergenceSpectrum;
import org.massmap.theory.TheoryConvergenceSpectrum;
import org.massmap.theory.TheoryFileException;
import org.massmap.theory.TheorySettings;
import org.massmap.theory.TheoryTable;
import org.massmap.theory.TransferFunction;

/**
 * Reads the theory power spectrum settings (section {@code theory}) and resolves the C_ℓ of the
 * Gaussian prior: a tabulated file when {@code prior.cl-file} is set, else computed from theory.
 */
public final class TheoryConfig {
    private TheoryConfig() {
    }

    /** The theory settings of section {@code theory}. */
    public static TheorySettings settings(Settings s) throws TheoryFileException {
        CosmologyParams c;
        try {
            c = new CosmologyParams(s.finite("theory.omega-c"), s.finite("theory.omega-b"), s.finite("theory.h"),
                    s.finite("theory.sigma8"), s.finite("theory.ns"), s.finite("theory.w0"), s.finite("theory.wa"),
                    s.positive("theory.t-cmb"));
        } catch (IllegalArgumentException e) {
            throw new SettingException("theory: " + e.getMessage(), e);
        }
        SourceDistribution nz;
        try {
            nz = SourceDistribution.parse(s.string("theory.nz"));
        } catch (IllegalArgumentException e) {
            throw new SettingException("theory.nz: " + e.getMessage(), e);
        }
        double ellMin = s.positive("theory.ell-min");
        double ellMax = s.positive("theory.ell-max");
        if (ellMax <= ellMin) {
            throw new SettingException("theory.ell-max (" + ellMax + ") must exceed theory.ell-min (" + ellMin + ")");
        }
        return new TheorySettings(c, transfer(s.string("theory.transfer")), s.enumValue("theory.nonlinear", NonLinear.class), nz,
                ellMin, ellMax, TheorySettings.ellCount(ellMin, ellMax));
    }

    /** The transfer function named bbks, eh or eh-nowiggle (the choices of {@code theory.transfer}). */
    public static TransferFunction transfer(String name) {
        return switch (Setting.normaliseChoice(name)) {
            case "bbks" -> TransferFunction.BBKS;
            case "eh" -> TransferFunction.EISENSTEIN_HU;
            case "eh-nowiggle" -> TransferFunction.EISENSTEIN_HU_NOWIGGLE;
            default -> throw new SettingException("theory.transfer must be one of "
                    + String.join(", ", SettingRegistry.find("theory.transfer").orElseThrow().choices()) + ", got '" + name + "'");
        };
    }

    /** Multipoles of {@link #priorTable}, log-spaced from ℓ = 1. */
    static final int PRIOR_TABLE_POINTS = 400;

    /**
     * The prior's C_ℓ ({@link #priorSpectrum}) tabulated for maps of pixel side {@code pixelArcmin}:
     * {@value #PRIOR_TABLE_POINTS} log-spaced multipoles from ℓ = 1 to 1% beyond the largest one the
     * pixel-windowed prior sums over ({@link PixelWindow#maxEll} at {@link PixelWindow#ALIAS_ORDER}:
     * ℓ = 1.08×10⁵ at 1′), so that no C_ℓ the prior uses is extrapolated. The table a survey job
     * carries to its executors and a trained model stores.
     *
     * @return {@code {ells, cls}}
     */
    public static double[][] priorTable(Settings s, double pixelArcmin) throws TheoryFileException {
        double ellMax = 1.01 * PixelWindow.maxEll(pixelArcmin * Math.PI / 10800, PixelWindow.ALIAS_ORDER);
        return TheoryTable.tabulate(priorSpectrum(s), 1, ellMax, PRIOR_TABLE_POINTS);
    }

    /** The prior's C_ℓ: the table in {@code prior.cl-file} if set, else the theory spectrum. */
    public static ConvergenceSpectrum priorSpectrum(Settings s) throws TheoryFileException {
        String file = s.string("prior.cl-file").trim();
        if (!file.isEmpty()) {
            return TabulatedConvergenceSpectrum.read(Path.of(file));
        }
        return TheoryConvergenceSpectrum.compute(settings(s));
    }
}
