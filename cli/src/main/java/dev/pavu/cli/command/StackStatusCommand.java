package dev.pavu.cli.command;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code pavu status-stack}: what of the local stack runs, where, and its log files. */
@Command(name = "status-stack", mixinStandardHelpOptions = true,
        description = "Show what of the local stack runs, on which port, and its log file.")
public class StackStatusCommand extends StackCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return stack("status");
    }
}
