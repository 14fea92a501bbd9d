package dev.pavu.verifier.repository;

import dev.pavu.contracts.SourceRef;
import dev.pavu.verifier.gate.BaselineTests.Baseline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code baseline_tests} table: what the baseline of a source (bundle SHA-256 + commit) ran with a test command
 * ({@code ''} for the detected toolchain's). Shared by every worker; the latest baseline run of a source replaces an
 * earlier one (a re-delivered baseline writes the same row again, so recording is idempotent).
 */
@ApplicationScoped
public class BaselineTestRepository {

    private final EntityManager em;

    public BaselineTestRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * @param source      the baseline's source (resolved)
     * @param testCommand the job's test command, or {@code null} for the detected toolchain's
     * @param candidateId the baseline candidate
     * @param baseline    what it ran
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(SourceRef source, String testCommand, UUID candidateId, Baseline baseline) {
        String ids = baseline.executed() == null ? null : String.join("\n", new TreeSet<>(baseline.executed()));
        em.createNativeQuery("insert into baseline_tests(bundle_sha, commit_id, test_command, tests_run, test_ids, candidate_id) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (bundle_sha, commit_id, test_command) do update set "
                        + "tests_run = excluded.tests_run, test_ids = excluded.test_ids, candidate_id = excluded.candidate_id, "
                        + "recorded_at = now()")
                .setParameter(1, source.bundleSha())
                .setParameter(2, source.commit())
                .setParameter(3, key(testCommand))
                .setParameter(4, baseline.testsRun())
                .setParameter(5, ids)
                .setParameter(6, candidateId)
                .executeUpdate();
    }

    /**
     * @param source      a source (resolved)
     * @param testCommand the job's test command, or {@code null}
     * @return what its baseline ran; empty when no baseline of it was recorded
     */
    @Transactional
    public Optional<Baseline> find(SourceRef source, String testCommand) {
        List<?> rows = em.createNativeQuery("select tests_run, test_ids from baseline_tests "
                        + "where bundle_sha = ?1 and commit_id = ?2 and test_command = ?3")
                .setParameter(1, source.bundleSha())
                .setParameter(2, source.commit())
                .setParameter(3, key(testCommand))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.getFirst();
        String ids = (String) row[1];
        Set<String> executed = ids == null ? null : ids.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(ids.split("\n")));
        return Optional.of(new Baseline(((Number) row[0]).intValue(), executed));
    }

    private static String key(String testCommand) {
        return testCommand == null ? "" : testCommand.strip();
    }
}
