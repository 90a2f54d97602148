package org.dirstore.tools;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code dirstore} command: administration of DirStore stores and their backups. Exit status
 * is 0 on success, 1 when the operation failed and 2 on a usage error; errors are one line on
 * stderr.
 */
@Command(name = "dirstore", mixinStandardHelpOptions = true, version = "dirstore 0.1.0",
        description = "Administers DirStore stores and their transactional backups.",
        subcommands = {InitCommand.class, InfoCommand.class, SnapshotCommand.class, BackupCommand.class,
                BackupsCommand.class, VerifyCommand.class, RestoreCommand.class, CheckCommand.class, LoadCommand.class,
                CommandLine.HelpCommand.class})
public final class DirStoreCommand implements Runnable {
    /** Exit status when the operation failed. */
    public static final int FAILED = 1;

    @Option(names = "--no-progress", scope = CommandLine.ScopeType.INHERIT,
            description = "Do not draw progress bars (they are drawn only on a terminal anyway).")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Builds the command line with the error handling every subcommand shares. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DirStoreCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + Errors.describe(e) + " (see '" + name + " --help')");
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Errors.describe(e));
            cmd.getErr().flush();
            return FAILED;
        });
        return cli;
    }

    /** Runs {@code args} and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return status;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }
}
