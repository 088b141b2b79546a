package org.massmap.io.fits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable, ordered set of FITS header keywords and their values. Values are {@link String},
 * {@link Long} (any integer), {@link Double} (any finite decimal) or {@link Boolean}; other Java
 * number types are converted on the way in. Keywords are 1-8 characters of {@code A-Z 0-9 - _}.
 *
 * <p>Used both ways: extra keywords to write into an HDU (e.g. {@code NSAMPLE}, {@code SIGMAMIN}),
 * and the complete header of an HDU read back (structural keywords included).
 */
public final class FitsKeywords {

    private static final Pattern KEY = Pattern.compile("[A-Z0-9_-]{1,8}");
    private static final FitsKeywords EMPTY = new FitsKeywords(Map.of());

    private final Map<String, Object> values;

    private FitsKeywords(Map<String, Object> values) {
        this.values = values;
    }

    /** No keywords. */
    public static FitsKeywords empty() {
        return EMPTY;
    }

    /** Keywords from an ordered map (e.g. {@code Wcs.keywords(grid)}), validated and normalised. */
    public static FitsKeywords of(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(checkKey(k), normalise(k, v)));
        return new FitsKeywords(Collections.unmodifiableMap(copy));
    }

    /** Keywords read from a file, taken as they are (no validation: files written elsewhere may bend the rules). */
    static FitsKeywords fromHeader(Map<String, Object> read) {
        return new FitsKeywords(Collections.unmodifiableMap(new LinkedHashMap<>(read)));
    }

    /** This set plus {@code key = value} (replacing an existing value in place). */
    public FitsKeywords with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(checkKey(key), normalise(key, value));
        return new FitsKeywords(Collections.unmodifiableMap(copy));
    }

    /** This set followed by all of {@code more} (whose values win on equal keys). */
    public FitsKeywords withAll(FitsKeywords more) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(more.values);
        return new FitsKeywords(Collections.unmodifiableMap(copy));
    }

    /**
     * Only the given keywords that are present, in this set's order: e.g. the extra keywords worth
     * carrying over when a map or table read back is written again (the complete header read
     * back repeats keywords the writers set themselves, which they refuse as extras).
     */
    public FitsKeywords select(String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>();
        java.util.Set<String> wanted = java.util.Set.of(keys);
        values.forEach((k, v) -> {
            if (wanted.contains(k)) {
                copy.put(k, v);
            }
        });
        return new FitsKeywords(Collections.unmodifiableMap(copy));
    }

    /** Whether {@code key} is present. */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The value of {@code key}, if present. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A string value, if present and a string. */
    public Optional<String> string(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** A numeric value as a double, if present and numeric. */
    public Optional<Double> number(String key) {
        return values.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    /** An integer value, if present and an integer. */
    public Optional<Long> integer(String key) {
        return values.get(key) instanceof Long n ? Optional.of(n) : Optional.empty();
    }

    /** Keywords in header order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** Unmodifiable ordered view (the form {@code Wcs.grid} takes). */
    public Map<String, Object> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitsKeywords k && values.equals(k.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("FITS keyword '" + key + "' must be 1-8 characters of A-Z, 0-9, '-' or '_'");
        }
        return key;
    }

    private static Object normalise(String key, Object value) {
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("FITS keyword " + key + ": string values must be printable ASCII, got '" + s + "'");
                }
            }
            return s;
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("FITS keyword " + key + ": header values must be finite, got " + d);
            }
            return d;
        }
        throw new IllegalArgumentException("FITS keyword " + key + ": unsupported value " + value
                + (value == null ? "" : " of type " + value.getClass().getSimpleName()) + "; use String, Long, Double or Boolean");
    }
}
