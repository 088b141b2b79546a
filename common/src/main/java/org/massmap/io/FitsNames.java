package org.massmap.io;

/**
 * Checks for names and texts that go into FITS header cards (at most 68 printable ASCII
 * characters): map names and units ({@link SkyMap}) and the HDU and column names of
 * {@code org.massmap.io.fits}. Stateless.
 */
public final class FitsNames {

    /** Longest string value that fits in one header card. */
    static final int MAX_TEXT = 68;

    private FitsNames() {
    }

    /** An HDU or column name: 1-68 printable ASCII characters, not blank. */
    public static String checkName(String what, String name) {
        if (name == null || name.isBlank() || !fits(name)) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_TEXT + " printable ASCII characters, got '" + name + "'");
        }
        return name;
    }

    /** An optional text value (unit): null, or at most 68 printable ASCII characters. */
    public static String checkText(String what, String text) {
        if (text != null && !fits(text)) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_TEXT + " printable ASCII characters, got '" + text + "'");
        }
        return text;
    }

    private static boolean fits(String s) {
        return s.length() <= MAX_TEXT && s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
