package org.massmap.config;

/**
 * A configuration value (from the defaults, a --conf file, --set or an option) that is missing,
 * of the wrong type or out of range. The message names the key, the value and what is expected.
 * The command line reports it as a usage error (exit code 2): nothing was run.
 */
public final class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SettingException(String message) {
        super(message);
    }

    public SettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
