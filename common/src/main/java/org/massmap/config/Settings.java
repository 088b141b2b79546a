package org.massmap.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;

/**
 * Typed, validated reads of configuration keys. Every failure is a {@link SettingException}
 * whose message names the key, the bad value and what is expected.
 */
public final class Settings {
    private final Config config;

    public Settings(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    public boolean has(String key) {
        return config.hasPath(key);
    }

    public String string(String key) {
        try {
            return config.getString(key);
        } catch (ConfigException e) {
            throw bad(key, "a string", e);
        }
    }

    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            throw bad(key, "true or false", e);
        }
    }

    public int positiveInt(String key) {
        int v;
        try {
            v = config.getInt(key);
        } catch (ConfigException e) {
            throw bad(key, "a positive integer", e);
        }
        if (v <= 0) {
            throw new SettingException(key + " must be a positive integer, got " + v);
        }
        return v;
    }

    public int nonNegativeInt(String key) {
        int v;
        try {
            v = config.getInt(key);
        } catch (ConfigException e) {
            throw bad(key, "a non-negative integer", e);
        }
        if (v < 0) {
            throw new SettingException(key + " must be zero or positive, got " + v);
        }
        return v;
    }

    public long longValue(String key) {
        try {
            return config.getLong(key);
        } catch (ConfigException e) {
            throw bad(key, "an integer", e);
        }
    }

    public double finite(String key) {
        double v;
        try {
            v = config.getDouble(key);
        } catch (ConfigException e) {
            throw bad(key, "a number", e);
        }
        if (!Double.isFinite(v)) {
            throw new SettingException(key + " must be a finite number, got " + v);
        }
        return v;
    }

    public double positive(String key) {
        double v = finite(key);
        if (v <= 0) {
            throw new SettingException(key + " must be positive, got " + v);
        }
        return v;
    }

    public double nonNegative(String key) {
        double v = finite(key);
        if (v < 0) {
            throw new SettingException(key + " must be zero or positive, got " + v);
        }
        return v;
    }

    public double inRange(String key, double lo, double hi) {
        double v = finite(key);
        if (v < lo || v > hi) {
            throw new SettingException(key + " must lie in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** An enum constant from a lower-case, dash-separated name ("reduced-shear" → REDUCED_SHEAR). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String raw = string(key).trim();
        String name = raw.replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(optionName(e));
        }
        throw new SettingException(key + " must be one of " + allowed + ", got '" + raw + "'");
    }

    /** The lower-case, dash-separated spelling of an enum constant. */
    public static String optionName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static SettingException bad(String key, String expected, ConfigException e) {
        if (e instanceof ConfigException.Missing) {
            return new SettingException("configuration key " + key + " is missing (expected " + expected + ")", e);
        }
        return new SettingException(key + " must be " + expected + ": " + e.getMessage(), e);
    }
}
