package dev.pavu.cli;

import dev.pavu.cli.command.PavuCommand;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of the {@code pavu} command. Run through the {@code ./pavu} launcher at the repository root.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command and exits with its code (see {@link CliException} for the codes).
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, CliContext.system()));
    }

    /**
     * Runs the command in a given context, without exiting.
     *
     * @param args command-line arguments
     * @param ctx  streams, environment and working directory
     * @return the exit code: 0 success, 1 job not succeeded or operation failed, 2 usage or connection error
     */
    public static int run(String[] args, CliContext ctx) {
        CommandLine cl = new CommandLine(new PavuCommand(ctx));
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CliException c) {
                cmd.getErr().println("pavu: " + c.getMessage());
                if (ctx.env().containsKey("PAVU_DEBUG") && c.getCause() != null) {
                    c.getCause().printStackTrace(cmd.getErr());
                }
                cmd.getErr().flush();
                return c.exitCode();
            }
            cmd.getErr().println("pavu: unexpected error: " + ex);
            if (ctx.env().containsKey("PAVU_DEBUG")) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("pavu: set PAVU_DEBUG=1 for the stack trace");
            }
            cmd.getErr().flush();
            return CliException.NOT_SUCCEEDED;
        });
        int code = cl.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }
}
