package org.massmap.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.massmap.config.ConfigLoader;
import org.massmap.config.SettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./massmap}: dispatches to the sub-commands. Exit codes: 0 success,
 * 1 failed (bad input or a runtime error, with one clear message), 2 usage error (an unknown
 * option, or an option or configuration value out of range: nothing was run), 3 partial (some
 * tiles or inputs failed; see the run manifest), 130 interrupted (Ctrl-C).
 */
@Command(name = "massmap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Probabilistic weak-lensing mass maps: posterior samples of the convergence by neural score matching.",
        subcommands = {DemoCommand.class, SimulateCommand.class, KsCommand.class, WienerCommand.class, SampleCommand.class, ValidateCommand.class, TrainCommand.class, StudyCommand.class, CosmosCommand.class, TheoryCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PARTIAL = 3;
    /** Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.setOut(new QuietStdout(System.out));
        // Ctrl-C starts the JVM's shutdown (the hooks then cancel the running Spark jobs and stop the
        // context): what then fails in the command is reported as "interrupted", not as a bug
        System.exit(run(args, out, new PrintWriter(System.err, true), Main::shuttingDown));
    }

    /**
     * Whether the JVM has begun its shutdown (Ctrl-C, SIGTERM). Asked when a command fails, so that
     * a failure caused by the shutdown's hooks is always seen as an interruption: the JVM refuses new
     * hooks from the moment its shutdown begins, before any hook runs (a flag set by a hook of our
     * own would race with the hooks that cancel the jobs).
     */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "massmap-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Runs a command line and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, () -> false);
    }

    /** Runs a command line; {@code interrupted} tells whether the JVM is shutting down (Ctrl-C). */
    static int run(String[] args, PrintWriter out, PrintWriter err, BooleanSupplier interrupted) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        try {
            ConfigOptions pre = ConfigOptions.prescan(args);
            // help and option defaults show the configuration the command will run with, its built-in preset included
            com.typesafe.config.Config preset = args.length > 0 && args[0].equals(CosmosCommand.NAME)
                    ? ConfigLoader.preset(CosmosCommand.PRESET) : null;
            cli.setDefaultValueProvider(new ConfigDefaults(ConfigLoader.load(preset, pre.confFile, pre.sets)));
        } catch (IllegalArgumentException e) {
            err.println("massmap: error: " + e.getMessage());
            return e instanceof SettingException ? EXIT_USAGE : EXIT_FAILED;
        }
        cli.setExecutionExceptionHandler(new ErrorReporter(interrupted));
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("massmap: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}
