package dev.pavu.planner.it;

import dev.pavu.planner.repository.SourceBundleEntity;
import dev.pavu.planner.source.BundleStore;
import dev.pavu.testsupport.PavuStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two jobs that upload the same project at the same moment record the same bundle sha in two open transactions:
 * the second must neither fail (it did: a duplicate key failed the job's source resolution) nor add a row.
 */
@QuarkusTest
@QuarkusTestResource(PavuStackResource.class)
@QuarkusTestResource(FakeUpdater.class)
class BundleRecordRaceTest {

    @Inject
    BundleStore store;

    @Test
    void theSameShaRecordedInTwoOpenTransactionsGivesOneRowAndNoError() throws Exception {
        String sha = HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes(), 0, 32);
        ExecutorService pool = Executors.newFixedThreadPool(2); // not the common pool: it may have one thread
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.record(sha, 100, "a".repeat(40));
            firstInserted.countDown();
            try { // keep the transaction open until the second one is on its way
                assertTrue(secondStarted.await(30, TimeUnit.SECONDS));
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), pool);
        assertTrue(firstInserted.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            secondStarted.countDown();
            store.record(sha, 100, "a".repeat(40));
        }), pool);
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> SourceBundleEntity.count("sha256", sha)));
    }
}
