package dev.pavu.gateway.service;

import dev.pavu.gateway.config.GatewayConfig;
import dev.pavu.gateway.repository.ModelCallRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-tenant token budgets: tokens in + out per period (periods start at the Unix epoch, so P1D periods are
 * UTC days). Cached answers are free. Usage is counted in memory and, the first time a tenant is seen in a
 * period, seeded from the recorded calls, so a restart does not reset it.
 */
@ApplicationScoped
public class BudgetService {

    private final GatewayConfig.Budget config;
    private final ModelCallRepository calls;
    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();

    /**
     * @param config gateway settings
     * @param calls  recorded calls
     */
    public BudgetService(GatewayConfig config, ModelCallRepository calls) {
        this.config = config.budget();
        this.calls = calls;
    }

    /**
     * @param tenant a tenant
     * @return its budget in tokens per period, or empty when unlimited
     */
    public OptionalLong limit(String tenant) {
        Long specific = config.tenants().get(tenant);
        return specific != null ? OptionalLong.of(specific) : config.defaultTokens();
    }

    /**
     * Refuses a call when the tenant's budget cannot cover its estimated prompt.
     *
     * @param tenant       the tenant
     * @param promptTokens estimated prompt tokens of the call
     * @throws GatewayException 429 budget_exceeded
     */
    public void check(String tenant, int promptTokens) {
        OptionalLong limit = limit(tenant);
        if (limit.isEmpty()) {
            return;
        }
        long spent = counter(tenant).get();
        if (spent >= limit.getAsLong() || spent + promptTokens > limit.getAsLong()) {
            throw GatewayException.overBudget("token budget of tenant '" + tenant + "' is spent: used " + spent + " of "
                    + limit.getAsLong() + " tokens this period, this prompt needs about " + promptTokens
                    + "; the period resets at " + periodEnd() + " (raise pavu.gateway.budget.tenants." + tenant + ")");
        }
    }

    /**
     * Charges tokens to a tenant.
     *
     * @param tenant the tenant
     * @param tokens tokens in + out
     */
    public void charge(String tenant, long tokens) {
        counter(tenant).addAndGet(tokens);
    }

    /**
     * @param tenant a tenant
     * @return tokens used in the current period
     */
    public long used(String tenant) {
        return counter(tenant).get();
    }

    private AtomicLong counter(String tenant) {
        long period = periodIndex();
        return used.computeIfAbsent(period + "|" + tenant, k -> new AtomicLong(seed(tenant)));
    }

    private long seed(String tenant) {
        try {
            OffsetDateTime since = OffsetDateTime.ofInstant(periodStart(), ZoneOffset.UTC);
            return QuarkusTransaction.joiningExisting().call(() -> calls.tokensCharged(tenant, since));
        } catch (RuntimeException e) {
            Log.warnf("cannot read the recorded usage of tenant %s, counting from 0: %s", tenant, e.getMessage());
            return 0;
        }
    }

    private long periodIndex() {
        return Instant.now().toEpochMilli() / Math.max(1, config.period().toMillis());
    }

    /** @return when the current budget period started (UTC; periods start at the Unix epoch) */
    public Instant periodStart() {
        return Instant.ofEpochMilli(periodIndex() * Math.max(1, config.period().toMillis()));
    }

    /** @return when the current budget period ends and every tenant's use starts again from 0 */
    public Instant periodEnd() {
        return periodStart().plusMillis(Math.max(1, config.period().toMillis()));
    }
}
