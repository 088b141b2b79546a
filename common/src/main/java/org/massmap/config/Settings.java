package org.massmap.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.Locale;
import org.massmap.config.Setting.Type;

/**
 * Typed, validated reads of configuration keys. Every failure is a {@link SettingException}
 * whose message names the key, the bad value and what is expected. Only keys declared in
 * {@link SettingRegistry} can be read, each with a getter of its declared type (reading an undeclared
 * key, or an integer key as a number, is a bug and throws {@link IllegalStateException}); the
 * range-checking getters ({@link #positive}, ...) state what the reading code relies on.
 */
public final class Settings {
    private final Config config;

    public Settings(Config config) {
        this.config = config;
    }

    /** The bundled defaults (conf/massmap.conf) alone. */
    public static Settings defaults() {
        return new Settings(ConfigLoader.load(null, null, List.<ConfigOverride>of()));
    }

    public Config config() {
        return config;
    }

    public boolean has(String key) {
        return config.hasPath(key);
    }

    public String string(String key) {
        declared(key, Type.STRING, Type.CHOICE, Type.NUMBER_OR_AUTO);
        try {
            return config.getString(key);
        } catch (ConfigException e) {
            throw bad(key, "a string", e);
        }
    }

    public boolean bool(String key) {
        declared(key, Type.BOOLEAN);
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            throw bad(key, "true or false", e);
        }
    }

    public int positiveInt(String key) {
        declared(key, Type.INT);
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
        declared(key, Type.INT);
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
        declared(key, Type.LONG);
        try {
            return config.getLong(key);
        } catch (ConfigException e) {
            throw bad(key, "an integer", e);
        }
    }

    public double finite(String key) {
        declared(key, Type.NUMBER, Type.NUMBER_OR_AUTO);
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
        declared(key, Type.CHOICE);
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
        return Setting.choiceName(e);
    }

    /** A list of positive integers (e.g. {@code training.channels = [16, 32]}). */
    public List<Integer> positiveIntList(String key) {
        declared(key, Type.INT_LIST);
        List<Integer> v;
        try {
            v = config.getIntList(key);
        } catch (ConfigException e) {
            throw bad(key, Type.INT_LIST.expected(), e);
        }
        for (int x : v) {
            if (x <= 0) {
                throw new SettingException(key + " must hold positive integers, got " + v);
            }
        }
        return List.copyOf(v);
    }

    /** A list of strings (e.g. {@code training.maps.files = ["a.fits"]}). */
    public List<String> stringList(String key) {
        declared(key, Type.STRING_LIST);
        try {
            return List.copyOf(config.getStringList(key));
        } catch (ConfigException e) {
            throw bad(key, Type.STRING_LIST.expected(), e);
        }
    }

    /** Refuses to read a key that {@link SettingRegistry} does not declare with one of these types (a bug, not a user error). */
    private static void declared(String key, Type... readAs) {
        Setting s = SettingRegistry.find(key).orElseThrow(() -> new IllegalStateException(
                key + " is read but not declared in SettingRegistry: declare it there and give its default in conf/massmap.conf"));
        for (Type t : readAs) {
            if (s.type() == t) {
                return;
            }
        }
        throw new IllegalStateException(key + " is declared as " + s.type() + " but read as " + java.util.Arrays.toString(readAs));
    }

    private static SettingException bad(String key, String expected, ConfigException e) {
        if (e instanceof ConfigException.Missing) {
            return new SettingException("configuration key " + key + " is missing (expected " + expected + ")", e);
        }
        return new SettingException(key + " must be " + expected + ": " + e.getMessage(), e);
    }
}
