package dev.pavu.fastrunner;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The cold path's memory limit, mimicked: the cold path runs the tests under a cgroup memory cap (the JVM there
 * does not see it and sizes its heap from the machine), so a test that keeps allocating is killed by the
 * kernel when the run reaches the cap (ERROR). This JVM's heap is capped a little under that limit ({@code
 * -Xmx}, set by the verifier), and once the old generation is still 90% full after a collection the run is
 * decided as memory exhausted at once, instead of after the collector's thrashing towards an
 * {@code OutOfMemoryError} (seconds to tens of seconds).
 */
final class Memory {
    static volatile Result current;
    private static MemoryPoolMXBean old;

    static void watch() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.getUsage().getMax() > 0
                    && (old == null || p.getUsage().getMax() > old.getUsage().getMax())) {
                old = p;
            }
        }
        if (old == null) {
            return;
        }
        old.setCollectionUsageThreshold((long) (old.getUsage().getMax() * 0.9));
        ((javax.management.NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, h) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                Result r = current;
                if (r != null) {
                    r.memoryExhausted();
                }
            }
        }, null, null);
    }

    /** @return bytes used in the old generation now (garbage included), 0 when unknown */
    static long oldUsed() {
        return old == null ? 0 : old.getUsage().getUsed();
    }
}
