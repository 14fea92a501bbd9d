package dev.pavu.gateway.rest;

import dev.pavu.gateway.config.GatewayConfig;
import dev.pavu.gateway.service.BudgetService;
import dev.pavu.kit.auth.PavuAuth;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The caller's team's model-token use in the current budget period ({@code GET /v1/usage}, a Pavu extension beside
 * the OpenAI-compatible API): the same tenant {@code POST /v1/chat/completions} charges (the caller's team; for Pavu's
 * services the team they name in {@code X-Pavu-Team}).
 */
@Path("/v1/usage")
@Tag(name = "models")
public class UsageResource {

    /**
     * @param team        the tenant
     * @param usedTokens  tokens in + out charged in this period (cached answers are free)
     * @param limitTokens the budget per period, or {@code null} when unlimited
     * @param periodStart when the period started
     * @param periodEnd   when it ends and the use starts again from 0
     */
    public record Usage(String team, long usedTokens, Long limitTokens, Instant periodStart, Instant periodEnd) {
    }

    private final BudgetService budgets;
    private final GatewayConfig config;
    private final SecurityIdentity identity;

    public UsageResource(BudgetService budgets, GatewayConfig config, SecurityIdentity identity) {
        this.budgets = budgets;
        this.config = config;
        this.identity = identity;
    }

    /** @return the team's use and budget in the current period */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Your team's model tokens used and its budget in the current period")
    public Usage usage() {
        String team = PavuAuth.team(identity).filter(t -> !t.isBlank()).orElse(config.defaultTenant());
        OptionalLong limit = budgets.limit(team);
        return new Usage(team, budgets.used(team), limit.isPresent() ? limit.getAsLong() : null,
                budgets.periodStart(), budgets.periodEnd());
    }
}
