package org.massmap.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.massmap.config.ConfigLoader;
import org.massmap.config.SettingException;
import org.massmap.runtime.JvmShutdown;
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
    /**
     * Seconds the JVM's shutdown waits for an interrupted command to report: longer than a survey
     * job's Ctrl-C hook waits for its chains; reached only by code that ignores interrupts.
     */
    static final long REPORT_WAIT_SECONDS = 15;

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
        CountDownLatch reported = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(interruptHook(Thread.currentThread(), reported));
        int code = run(args, out, new PrintWriter(System.err, true), JvmShutdown::inProgress);
        reported.countDown();
        System.exit(code);
    }

    /**
     * The hook that lets a command end on Ctrl-C: it interrupts the command's thread (a wait for a
     * Spark job or for sampling threads then ends, and {@link org.massmap.sampling.PosteriorSampler}
     * stops its chains), then waits up to {@link #REPORT_WAIT_SECONDS} for the command to return, so
     * that its "interrupted" message is printed before the JVM halts.
     */
    static Thread interruptHook(Thread command, CountDownLatch returned) {
        return new Thread(() -> {
            command.interrupt();
            try {
                returned.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "massmap-interrupt");
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
            return ErrorReporter.settingCause(e) != null ? EXIT_USAGE : EXIT_FAILED;
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
