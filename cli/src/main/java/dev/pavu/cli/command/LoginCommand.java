package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.auth.Credentials;
import dev.pavu.cli.client.PlannerClient;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pavu login}: checks a token with the planner ({@code GET /auth/whoami}) and stores it for that planner in
 * the user's config file (mode 600). The token comes from {@code --token-stdin} (preferred: it stays out of the
 * shell history and the process list) or {@code --token}.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Store an API token for the planner (checked first) in ~/.config/pavu/config.json (mode 600).",
                "Example: echo \"$TOKEN\" | pavu login --token-stdin"})
public class LoginCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the token (visible in the process list; prefer --token-stdin)")
    String token;

    @Option(names = "--token-stdin", description = "read the token from standard input")
    boolean fromStdin;

    @Override
    public Integer call() {
        String t = token;
        if (fromStdin) {
            try {
                t = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw CliException.failed("cannot read the token from standard input: " + e.getMessage());
            }
        }
        if (t == null || t.isBlank()) {
            throw CliException.usage("give the token with --token-stdin (or --token)");
        }
        t = t.strip();
        String url = root.plannerUrl();
        JsonNode me = new PlannerClient(url, t).auth("GET", "/auth/whoami", null, "check the token");
        Path file = new Credentials(root.ctx()).store(url, t);
        root.ctx().out().println("logged in to " + url + " as " + Json.text(me, "principal") + " (team "
                + Json.text(me, "team") + ", role " + Json.text(me, "role") + "); token stored in " + file);
        return CliException.OK;
    }
}
