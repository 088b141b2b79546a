package org.massmap.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The declaration of one configuration key: its type, unit, one-line description and the values it
 * accepts. The default value is the one in {@code conf/massmap.conf}; {@link SettingRegistry} lists
 * every declaration, and a test checks that the two agree key by key.
 *
 * @param key         dotted key, e.g. {@code sampler.levels}
 * @param type        what kind of value the key holds
 * @param unit        unit of a number ("arcmin", "K", ...), or "" for none
 * @param description one line, as shown by {@code --help} and in error messages
 * @param choices     the accepted names of a {@link Type#CHOICE} key (lower case, dash-separated), else empty
 * @param range       the accepted numbers of a numeric key (each element of a list), or null for none
 */
public record Setting(String key, Type type, String unit, String description, List<String> choices, Range range) {

    /** The kinds of value a key can hold. Typed getters of {@link Settings} read them. */
    public enum Type {
        /** A whole number that fits an {@code int}: 3.5 and "3.5" are refused. */
        INT("an integer"),
        /** A whole number that fits a {@code long}. */
        LONG("an integer"),
        /** A finite number. */
        NUMBER("a number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** Any scalar, read as text (column names, paths, "RA,DEC"). */
        STRING("a string"),
        /** One of a fixed set of names, {@link Setting#choices()}. */
        CHOICE("one of the listed names"),
        /** A finite number, or the word {@code auto}. */
        NUMBER_OR_AUTO("a number or auto"),
        /** A list of whole numbers, e.g. {@code [16, 32]}. */
        INT_LIST("a list of integers, e.g. [16, 32]"),
        /** A list of strings, e.g. {@code ["a.fits", "b.fits"]}. */
        STRING_LIST("a list of strings, e.g. [\"a.fits\", \"b.fits\"]");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for messages. */
        public String expected() {
            return expected;
        }
    }

    public Setting {
        choices = List.copyOf(choices);
        if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
            throw new IllegalArgumentException("a setting key is section.name in lower case with dashes, got '" + key + "'");
        }
        if ((type == Type.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException(key + ": choices are given exactly for a CHOICE setting");
        }
        if (range != null && !(type == Type.INT || type == Type.LONG || type == Type.NUMBER || type == Type.NUMBER_OR_AUTO
                || type == Type.INT_LIST)) {
            throw new IllegalArgumentException(key + ": a range applies to numeric settings only");
        }
    }

    /** The lower-case, dash-separated name of an enum constant ("REDUCED_SHEAR" → "reduced-shear"). */
    public static String choiceName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A value as written, normalised for comparison with {@link #choices()}. */
    static String normaliseChoice(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What this key accepts, for messages: "an integer >= 4", "one of shear, reduced-shear". */
    public String expected() {
        String base = type == Type.CHOICE ? "one of " + String.join(", ", choices) : type.expected();
        if (range == null) {
            return base;
        }
        return base + (type == Type.INT_LIST ? ", each " : " ") + range.describe();
    }

    /**
     * Checks a value against this declaration.
     *
     * @return null when the value is acceptable, else why not ("must be an integer, got 3.5")
     */
    public String problem(ConfigValue value) {
        Object raw = value.unwrapped();
        String got = value.valueType() == ConfigValueType.STRING ? "'" + raw + "'" : value.render();
        return switch (type) {
            case INT, LONG -> integerProblem(value, got);
            case NUMBER -> numberProblem(value, got);
            case NUMBER_OR_AUTO -> value.valueType() == ConfigValueType.STRING && ((String) raw).trim().equalsIgnoreCase("auto")
                    ? null : numberProblem(value, got);
            case BOOLEAN -> value.valueType() == ConfigValueType.BOOLEAN || "true".equals(raw) || "false".equals(raw)
                    ? null : mustBe(got);
            case STRING -> scalar(value) ? null : mustBe(got);
            case CHOICE -> scalar(value) && choices.contains(normaliseChoice(String.valueOf(raw))) ? null : mustBe(got);
            case INT_LIST -> listProblem(value, got, true);
            case STRING_LIST -> listProblem(value, got, false);
        };
    }

    private String mustBe(String got) {
        return "must be " + expected() + ", got " + got;
    }

    private String integerProblem(ConfigValue value, String got) {
        Long v = wholeNumber(value);
        if (v == null || (type == Type.INT && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE))) {
            return mustBe(got);
        }
        return range == null || range.accepts(v) ? null : mustBe(got);
    }

    private String numberProblem(ConfigValue value, String got) {
        Double v = finiteNumber(value);
        return v != null && (range == null || range.accepts(v)) ? null : mustBe(got);
    }

    private String listProblem(ConfigValue value, String got, boolean integers) {
        if (value.valueType() != ConfigValueType.LIST) {
            return mustBe(got);
        }
        for (ConfigValue element : (com.typesafe.config.ConfigList) value) {
            boolean ok = integers ? wholeNumber(element) != null && (range == null || range.accepts(wholeNumber(element)))
                    : scalar(element);
            if (!ok) {
                return mustBe(got);
            }
        }
        return null;
    }

    /**
     * A whole number, written as a number or as text, else null: 3.5, "3.5" and "big" are not. The value
     * counts, not its spelling (16.0 and 1e3 are whole): HOCON itself stores 16.0 as 16.
     */
    private static Long wholeNumber(ConfigValue value) {
        Object raw = value.unwrapped();
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String s && s.trim().matches("[+-]?[0-9]+")) {
            try {
                return Long.parseLong(s.trim()); // exact for seeds beyond 2^53
            } catch (NumberFormatException e) {
                return null; // beyond long
            }
        }
        Double v = finiteNumber(value);
        return v != null && v == Math.rint(v) && Math.abs(v) < 0x1p53 ? (long) (double) v : null;
    }

    /** A finite number written as a number or as text, else null. */
    private static Double finiteNumber(ConfigValue value) {
        Object raw = value.unwrapped();
        double v;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else if (raw instanceof String s && s.trim().matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            v = Double.parseDouble(s.trim());
        } else {
            return null;
        }
        return Double.isFinite(v) ? v : null;
    }

    private static boolean scalar(ConfigValue value) {
        ConfigValueType t = value.valueType();
        return t == ConfigValueType.STRING || t == ConfigValueType.NUMBER || t == ConfigValueType.BOOLEAN;
    }

    /**
     * The numbers a numeric key accepts: an interval whose ends are open or closed (infinite ends mean
     * "no bound"; every number must be finite in any case).
     */
    public record Range(double lo, boolean loIncluded, double hi, boolean hiIncluded) {
        /** Greater than zero. */
        public static Range positive() {
            return new Range(0, false, Double.POSITIVE_INFINITY, false);
        }

        /** Zero or more. */
        public static Range nonNegative() {
            return atLeast(0);
        }

        /** {@code min} or more. */
        public static Range atLeast(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, false);
        }

        /** The closed interval [lo, hi]. */
        public static Range closed(double lo, double hi) {
            return new Range(lo, true, hi, true);
        }

        /** The open interval (lo, hi). */
        public static Range open(double lo, double hi) {
            return new Range(lo, false, hi, false);
        }

        public boolean accepts(double v) {
            return (loIncluded ? v >= lo : v > lo) && (hiIncluded ? v <= hi : v < hi);
        }

        /** "> 0", ">= 4", "in (0, 1]". */
        public String describe() {
            if (Double.isInfinite(hi)) {
                return (loIncluded ? ">= " : "> ") + number(lo);
            }
            if (Double.isInfinite(lo)) {
                return (hiIncluded ? "<= " : "< ") + number(hi);
            }
            return "in " + (loIncluded ? "[" : "(") + number(lo) + ", " + number(hi) + (hiIncluded ? "]" : ")");
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** The names of an enum's constants as {@link #choiceName(Enum)} writes them. */
    static List<String> choiceNames(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            names.add(choiceName(e));
        }
        return names;
    }
}
