package dev.pavu.kit.retry;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Retries a consumer's unit of work while it fails for a transient reason (the database or the broker away, a
 * timeout, a lock conflict), with exponential backoff bounded by {@code pavu.retry.*} (SmallRye Fault Tolerance's
 * programmatic {@link Guard}). Anything else — an unreadable event, a bug — fails at once, and so does a transient
 * failure past the bound: the caller's channel then dead-letters the record.
 *
 * <p>The failure given up carries the number of attempts ({@link Attempts#of}), which the dead letter's
 * {@code pavu-dlq-attempts} header reports.
 *
 * <p>The work must be a whole transaction of its own (start it inside the callable, e.g. with
 * {@code QuarkusTransaction.requiringNew()}), so that every attempt starts clean.
 */
@ApplicationScoped
public class TransientRetry {

    private final Guard guard;

    /**
     * @param config pavu.retry.*
     */
    public TransientRetry(RetryConfig config) {
        this.guard = Guard.create()
                .withRetry()
                .maxRetries(config.maxRetries())
                .delay(config.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(config.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .jitter(Math.max(1, config.initialDelay().toMillis() / 5), ChronoUnit.MILLIS)
                .whenException(TransientRetry::isTransient)
                .beforeRetry((Throwable t) -> Log.warnf("transient failure, retrying: %s", rootMessage(t)))
                .withExponentialBackoff().factor(2).maxDelay(config.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /**
     * Runs {@code work}, again while it fails transiently.
     *
     * @param work one transaction's worth of work
     * @throws RuntimeException the last failure (a checked one wrapped) when it is not transient or the bound is reached
     */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /**
     * @param work one transaction's worth of work
     * @param <T>  its result
     * @return its result
     * @throws RuntimeException the last failure (a checked one wrapped) when it is not transient or the bound is reached
     */
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> work) {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        try {
            return (T) guard.call(() -> {
                tries.incrementAndGet();
                return work.call();
            }, Object.class);
        } catch (RuntimeException e) {
            throw withAttempts(e, tries.get());
        } catch (Error e) {
            throw withAttempts(e, tries.get());
        } catch (Exception e) {
            throw withAttempts(new IllegalStateException(e.getMessage(), e), tries.get());
        }
    }

    /** Records on the failure given up how often it was tried ({@link Attempts}), unless an inner retry already did. */
    private static <E extends Throwable> E withAttempts(E failure, int tries) {
        if (tries > 0 && Attempts.of(failure) == 1) {
            failure.addSuppressed(new Attempts(tries));
        }
        return failure;
    }

    /**
     * @param t a failure
     * @return whether something in its cause chain says "try again later": a lost or refused database connection
     *         (SQL state 08, 53, 57P), a serialization failure or deadlock (40), a lock or query timeout, a transient
     *         or recoverable {@link SQLException}, a broker's retriable error, a {@link TimeoutException}
     */
    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientException || c instanceof SQLRecoverableException
                    || c instanceof TimeoutException || c instanceof LockTimeoutException
                    || c instanceof PessimisticLockException || c instanceof QueryTimeoutException
                    || c instanceof io.smallrye.mutiny.TimeoutException
                    || c instanceof org.apache.kafka.common.errors.RetriableException
                    || c instanceof java.net.ConnectException) {
                return true;
            }
            if (c instanceof SQLException s) {
                String state = s.getSQLState();
                if (state == null ? String.valueOf(s.getMessage()).toLowerCase().contains("acquisition timeout")
                        : state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
            String name = c.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("LockAcquisitionException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t) : t.getClass().getSimpleName() + " caused by " + c;
    }
}
