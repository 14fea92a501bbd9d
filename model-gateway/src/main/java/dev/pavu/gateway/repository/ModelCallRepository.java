package dev.pavu.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@link ModelCall} rows. Callers bring the transaction. */
@ApplicationScoped
public class ModelCallRepository implements PanacheRepository<ModelCall> {

    /**
     * The latest call with this request hash that a backend answered well.
     *
     * @param requestHash SHA-256 hex of the canonical request
     * @return the call, or empty
     */
    public Optional<ModelCall> latestAnswered(String requestHash) {
        return find("requestHash = ?1 and outcome = 'ok' and responseText is not null order by id desc", requestHash)
                .firstResultOptional();
    }

    /**
     * Tokens (in + out) a tenant was charged since a moment: calls answered by a backend, not from the cache.
     *
     * @param tenant the tenant
     * @param since  start of the budget period
     * @return tokens
     */
    public long tokensCharged(String tenant, OffsetDateTime since) {
        Object sum = getEntityManager().createQuery(
                        "select sum(c.tokensIn + c.tokensOut) from ModelCall c "
                                + "where c.tenant = ?1 and c.createdAt >= ?2 and c.cached = false and c.outcome in ('ok', 'stream_broken')")
                .setParameter(1, tenant).setParameter(2, since).getSingleResult();
        return sum instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Calls with a request hash, newest first.
     *
     * @param requestHash SHA-256 hex
     * @return the calls
     */
    public List<ModelCall> byHash(String requestHash) {
        return find("requestHash = ?1 order by id desc", requestHash).list();
    }
}
