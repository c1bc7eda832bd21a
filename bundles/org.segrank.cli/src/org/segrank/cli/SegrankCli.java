package org.segrank.cli;

import java.io.PrintWriter;
import java.util.concurrent.CancellationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The {@code segrank} command tree. Kept free of OSGi so tests drive it directly with
 * {@link #execute(String[], PrintWriter, PrintWriter)} and assert on output and exit codes.
 */
@Command(name = "segrank", mixinStandardHelpOptions = true, versionProvider = SegrankVersion.Provider.class,
        description = "Ranks a lab's instance-segmentation models for a particle image.",
        subcommands = {
                EvalCommand.class,
                DemoCommand.class,
                EvaluateCommand.class,
                ZooCommand.class,
                ExperimentCommand.class,
                QueryCommand.class,
                ReportCommand.class,
                SampleCommand.class,
                DatasetCommand.class,
                FeaturesCommand.class,
                WorkspaceCommand.class,
                ModelCommand.class,
                ResultsCommand.class,
                BenchCommand.class,
                VersionCommand.class,
                DoctorCommand.class,
                CommandLine.HelpCommand.class },
        footer = { "", "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input data,",
                "            4 cancelled, 5 environment problem (see 'segrank doctor')." })
public final class SegrankCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No sub-command: show what there is rather than doing something surprising.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one command line and returns the process exit code (see {@link ExitCodes}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new SegrankCli());
        withHelpEverywhere(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(SegrankCli::exitCodeFor);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("segrank: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'segrank " + ex.getCommandLine().getCommandSpec().qualifiedName(" ")
                    .replaceFirst("^segrank ?", "") + (ex.getCommandLine().getParent() == null ? "" : " ")
                    + "--help' for usage.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler(new ReportingHandler(err));
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Every sub-command answers --help (and --version), as the usage hints promise. */
    private static void withHelpEverywhere(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelpEverywhere(sub);
        }
    }

    static int exitCodeFor(Throwable t) {
        Throwable cause = rootOf(t);
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            return ExitCodes.CANCELLED;
        }
        if (InputErrors.isInvalidInput(cause)) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while (current instanceof CommandLine.ExecutionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Prints one clear line for data and cancellation problems, a stack trace only for bugs. */
    private record ReportingHandler(PrintWriter err) implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
            int code = exitCodeFor(ex);
            Throwable cause = rootOf(ex);
            switch (code) {
                case ExitCodes.CANCELLED -> err.println("segrank: cancelled");
                case ExitCodes.INVALID_INPUT -> err.println("segrank: invalid input: " + cause.getMessage());
                default -> {
                    err.println("segrank: internal error: " + cause);
                    cause.printStackTrace(err);
                }
            }
            err.flush();
            return code;
        }
    }
}
