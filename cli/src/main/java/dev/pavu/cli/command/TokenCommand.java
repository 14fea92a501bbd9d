package dev.pavu.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pavu token create|list|revoke}: manage your team's API tokens (an admin token is needed). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage your team's API tokens (admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public class TokenCommand implements Callable<Integer> {

    @ParentCommand
    PavuCommand root;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("token").usage(root.ctx().err());
        return CliException.USAGE;
    }

    /** {@code pavu token create NAME --role R [--team T] [--days N]}: prints the secret once. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; prints the secret (shown only once) on standard output.")
    static class Create implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "a label, e.g. ci")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, submitter or admin")
        String role;

        @Option(names = "--team", paramLabel = "TEAM", description = "the token's team (default: yours)")
        String team;

        @Option(names = "--days", paramLabel = "N", description = "days until it expires (default 90)")
        Integer days;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("role", role);
            body.put("team", team);
            body.put("expiresInDays", days);
            JsonNode created = parent.root.planner().auth("POST", "/auth/tokens", body, "create a token");
            JsonNode info = created.path("info");
            parent.root.ctx().err().println("token " + Json.text(info, "id") + " (" + Json.text(info, "name") + "): team "
                    + Json.text(info, "team") + ", role " + Json.text(info, "role") + ", expires " + Json.text(info, "expiresAt")
                    + "; store the secret now, it is not shown again:");
            parent.root.ctx().out().println(Json.text(created, "token"));
            return CliException.OK;
        }
    }

    /** {@code pavu token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List your team's tokens (never their secrets).")
    static class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;

        @Override
        public Integer call() {
            JsonNode list = parent.root.planner().auth("GET", "/auth/tokens", null, "list tokens");
            var out = parent.root.ctx().out();
            out.printf("%-36s  %-20s  %-12s  %-9s  %-8s  %s%n", "ID", "NAME", "TEAM", "ROLE", "STATE", "EXPIRES");
            for (JsonNode t : list) {
                String state = t.path("revokedAt").isMissingNode() || t.path("revokedAt").isNull()
                        ? (t.path("active").asBoolean() ? "active" : "expired") : "revoked";
                out.printf("%-36s  %-20s  %-12s  %-9s  %-8s  %s%n", Json.text(t, "id"), Json.text(t, "name"),
                        Json.text(t, "team"), Json.text(t, "role"), state,
                        Json.text(t, "expiresAt") == null ? "never" : Json.text(t, "expiresAt"));
            }
            return CliException.OK;
        }
    }

    /** {@code pavu token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token (it stops working at once).")
    static class Revoke implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "the token's id (pavu token list)")
        String id;

        @Override
        public Integer call() {
            parent.root.planner().auth("DELETE", "/auth/tokens/" + id, null, "revoke token " + id);
            parent.root.ctx().out().println("token " + id + " revoked");
            return CliException.OK;
        }
    }
}
