package org.massmap.io.fits;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an output came from, written into every HDU of every FITS file (docs/conventions.md, Outputs):
 * software version ({@code SOFTVERS}), SHA-256 of the resolved configuration ({@code CONFSHA}),
 * the run seed ({@code SEED}), SHA-256 of the score model ({@code MODELSHA}) and the creation time
 * ({@code DATE}, UTC, ISO-8601 to the second), plus {@code ORIGIN = 'massmap'}.
 *
 * @param softwareVersion required, e.g. "0.1.0"
 * @param configChecksum  SHA-256 hex of the configuration, or null when there is none
 * @param seed            run seed, or null when nothing random happened
 * @param modelChecksum   SHA-256 hex of the model file, or null when no model was used
 * @param date            creation time, required
 */
public record Provenance(String softwareVersion, String configChecksum, Long seed, String modelChecksum, Instant date) {

    /** Header keyword names. */
    public static final String ORIGIN = "ORIGIN";
    public static final String SOFTWARE_VERSION = "SOFTVERS";
    public static final String CONFIG_CHECKSUM = "CONFSHA";
    public static final String SEED = "SEED";
    public static final String MODEL_CHECKSUM = "MODELSHA";
    public static final String DATE = "DATE";

    private static final DateTimeFormatter FITS_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_STRING = 68;

    public Provenance {
        if (softwareVersion == null || softwareVersion.isBlank()) {
            throw new IllegalArgumentException("provenance needs the software version");
        }
        if (date == null) {
            throw new IllegalArgumentException("provenance needs the creation date");
        }
        checkLength("software version", softwareVersion);
        checkLength("config checksum", configChecksum);
        checkLength("model checksum", modelChecksum);
    }

    /** Provenance with only the software version and date; add the rest with the {@code with...} methods. */
    public static Provenance of(String softwareVersion, Instant date) {
        return new Provenance(softwareVersion, null, null, null, date);
    }

    public Provenance withConfigChecksum(String checksum) {
        return new Provenance(softwareVersion, checksum, seed, modelChecksum, date);
    }

    public Provenance withSeed(long runSeed) {
        return new Provenance(softwareVersion, configChecksum, runSeed, modelChecksum, date);
    }

    public Provenance withModelChecksum(String checksum) {
        return new Provenance(softwareVersion, configChecksum, seed, checksum, date);
    }

    /** The header keywords, in writing order; absent fields are left out. */
    public FitsKeywords keywords() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put(ORIGIN, "massmap");
        k.put(SOFTWARE_VERSION, softwareVersion);
        if (configChecksum != null) {
            k.put(CONFIG_CHECKSUM, configChecksum);
        }
        if (seed != null) {
            k.put(SEED, seed);
        }
        if (modelChecksum != null) {
            k.put(MODEL_CHECKSUM, modelChecksum);
        }
        k.put(DATE, FITS_DATE.format(date));
        return FitsKeywords.of(k);
    }

    /**
     * Reads provenance back from a header.
     *
     * @throws IllegalArgumentException if SOFTVERS or DATE is missing or DATE is malformed
     */
    public static Provenance fromKeywords(FitsKeywords header) {
        String version = header.string(SOFTWARE_VERSION).orElseThrow(
                () -> new IllegalArgumentException("no " + SOFTWARE_VERSION + " keyword: not written by massmap"));
        String dateText = header.string(DATE).orElseThrow(() -> new IllegalArgumentException("no " + DATE + " keyword"));
        Instant date;
        try {
            date = FITS_DATE.parse(dateText, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DATE '" + dateText + "' is not of the form yyyy-mm-ddThh:mm:ss", e);
        }
        return new Provenance(version, header.string(CONFIG_CHECKSUM).orElse(null),
                header.integer(SEED).orElse(null), header.string(MODEL_CHECKSUM).orElse(null), date);
    }

    private static void checkLength(String what, String value) {
        if (value != null && value.length() > MAX_STRING) {
            throw new IllegalArgumentException(what + " must fit in a FITS card (at most " + MAX_STRING + " characters), got " + value.length());
        }
    }
}
