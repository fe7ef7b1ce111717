package io.principia.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./principia}: {@code list} names every experiment, {@code train NAME}
 * runs one. Experiments are picocli commands registered in {@link Experiments}.
 */
@Command(name = "principia", mixinStandardHelpOptions = true, version = "Principia 0.1.0",
        description = "Principled deep-learning architectures on the JVM.",
        subcommands = {Launcher.ListExperiments.class})
public final class Launcher implements Callable<Integer> {

    private static volatile String[] arguments = new String[0];

    public static void main(String[] args) {
        arguments = args.clone();
        System.exit(commandLine().execute(args));
    }

    /** The command line this process was started with (recorded in each run's provenance). */
    public static String[] arguments() {
        String[] launcher = {"./principia"};
        String[] out = new String[arguments.length + 1];
        out[0] = launcher[0];
        System.arraycopy(arguments, 0, out, 1, arguments.length);
        return out;
    }

    /** The full command tree (exposed for tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Launcher());
        CommandLine train = new CommandLine(new Train());
        for (Object experiment : Experiments.all()) {
            train.addSubcommand(experiment);
        }
        cli.addSubcommand("train", train);
        cli.setExecutionExceptionHandler(Launcher::reportFailure); // after the subcommands, so they inherit it
        return cli;
    }

    /**
     * A failed run prints one line per distinct cause (the messages name what was wrong), not a
     * stack trace; set PRINCIPIA_STACKTRACE=1 for the trace. Exit code 1.
     */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + describe(e));
        String shown = String.valueOf(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !shown.contains(c.getMessage())) {
                err.println("  caused by: " + describe(c));
                shown = shown + c.getMessage();
            }
        }
        if (System.getenv("PRINCIPIA_STACKTRACE") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** The message; for an unexpected exception type (a bug rather than bad input) also its class. */
    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getName();
        }
        boolean expected = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
                || t.getClass().getName().startsWith("io.principia.");
        return expected ? m : t.getClass().getSimpleName() + ": " + m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    @Command(name = "list", description = "Name every experiment, one line each.")
    static final class ListExperiments implements Callable<Integer> {
        @Override
        public Integer call() {
            List<Object> all = Experiments.all();
            for (Object e : all) {
                Command c = e.getClass().getAnnotation(Command.class);
                System.out.printf("%-24s %s%n", c.name(), String.join(" ", c.description()));
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Run one experiment: train NAME [options]; NAME --help shows its options.")
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            System.err.println("name an experiment; `./principia list` shows them all");
            spec.commandLine().usage(System.err);
            return 2;
        }
    }
}
