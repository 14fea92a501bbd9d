package dev.pavu.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code pavu up [infra|services|all]}: starts the local stack ({@code deploy/local/stack up}). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack: Kafka, PostgreSQL and the five services (what is not running yet).")
public class UpCommand extends StackCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "PART",
            description = "infra, services or all (default: ${DEFAULT-VALUE})")
    StackPart part;

    @Override
    public Integer call() {
        return stack("up", part.name().toLowerCase());
    }
}
