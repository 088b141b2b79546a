package org.massmap.spark.output;

/**
 * A failure to write, publish or read a job output on a Hadoop file system. Checked; the message
 * starts with the path (a URI such as {@code hdfs://nn/out/tiles/t001_0002/current.json}) and says
 * what went wrong and, where there is one, the fix. The Hadoop or Jackson exception is the cause.
 */
public final class OutputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String location;

    public OutputException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public OutputException(String location, String problem, Throwable cause) {
        super(location + ": " + problem + describe(cause), cause);
        this.location = location;
    }

    /** The path the problem is about. */
    public String location() {
        return location;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String m = cause.getMessage();
        return " (" + cause.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m) + ")";
    }
}
