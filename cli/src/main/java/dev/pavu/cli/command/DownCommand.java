package dev.pavu.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code pavu down [infra|services|all]}: stops the local stack ({@code deploy/local/stack down}). */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local stack.")
public class DownCommand extends StackCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "PART",
            description = "infra, services or all (default: ${DEFAULT-VALUE})")
    StackPart part;

    @Override
    public Integer call() {
        return stack("down", part.name().toLowerCase());
    }
}
