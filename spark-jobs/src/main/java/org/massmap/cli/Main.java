package org.massmap.cli;

import java.io.PrintWriter;
import org.massmap.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./massmap}: dispatches to the sub-commands. Exit codes: 0 success,
 * 1 failed (bad input or a runtime error, with one clear message), 2 usage error,
 * 3 partial (some tiles failed; see the run manifest).
 */
@Command(name = "massmap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Probabilistic weak-lensing mass maps: posterior samples of the convergence by neural score matching.",
        subcommands = {DemoCommand.class, SimulateCommand.class, KsCommand.class, WienerCommand.class, SampleCommand.class, ValidateCommand.class, TrainCommand.class, StudyCommand.class, TheoryCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_PARTIAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        System.setOut(new QuietStdout(System.out));
        System.exit(run(args, out, new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        try {
            ConfigOptions pre = ConfigOptions.prescan(args);
            cli.setDefaultValueProvider(new ConfigDefaults(ConfigLoader.load(pre.confFile, pre.sets)));
        } catch (IllegalArgumentException e) {
            err.println("massmap: error: " + e.getMessage());
            return EXIT_FAILED;
        }
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("massmap: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }
}
