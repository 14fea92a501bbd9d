package dev.pavu.cli.command;

import dev.pavu.cli.CliException;
import dev.pavu.cli.client.StackScript;
import picocli.CommandLine.ParentCommand;

/** Shared part of {@code up}, {@code down} and {@code status-stack}: runs {@code deploy/local/stack}. */
abstract class StackCommand {

    @ParentCommand
    PavuCommand root;

    /**
     * @param args the script's arguments, e.g. {@code up all}
     * @return 0 when the script succeeded, else 1
     */
    int stack(String... args) {
        var ctx = root.ctx();
        int code = new StackScript(ctx.repoRoot(), ctx.env()).run(ctx.out(), ctx.err(), args);
        if (code != 0) {
            throw CliException.failed("deploy/local/stack " + String.join(" ", args) + " failed (exit " + code
                    + "); the lines above name the log to read");
        }
        return CliException.OK;
    }
}
