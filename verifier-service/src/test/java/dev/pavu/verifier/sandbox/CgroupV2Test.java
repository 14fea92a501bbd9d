package dev.pavu.verifier.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cgroup v2 against a temporary directory standing in for {@code /sys/fs/cgroup} (this machine mounts v1): the caps
 * written, the controllers enabled for the children, the join script, and the reading of {@code memory.events},
 * {@code pids.events} and {@code memory.peak}; the version picked by what is mounted.
 */
class CgroupV2Test {

    @TempDir
    Path root;

    @Test
    void writesTheCapsAndReadsWhatHappened() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        CgroupV2 g = CgroupV2.create(root, new Limits(256L << 20, 64, 60, 1.5, 0, 0));
        Path dir = g.dir();
        assertEquals(root.resolve("pavu-verifier"), dir.getParent());
        assertEquals("+memory +pids +cpu", Files.readString(root.resolve("cgroup.subtree_control")));
        assertEquals("+memory +pids +cpu", Files.readString(root.resolve("pavu-verifier/cgroup.subtree_control")));
        assertEquals(Long.toString(256L << 20), Files.readString(dir.resolve("memory.max")));
        assertEquals("64", Files.readString(dir.resolve("pids.max")));
        assertEquals("150000 100000", Files.readString(dir.resolve("cpu.max")));
        assertEquals(java.util.List.of("/bin/sh", "-c", "echo $$ > '" + dir.resolve("cgroup.procs") + "' || exit 125; exec \"$@\"", "pavu-sandbox"),
                g.joinPrefix());

        assertFalse(g.memoryLimitHit(), "no memory.events yet");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n");
        assertFalse(g.memoryLimitHit(), "the cap was reached but nothing killed");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 2\noom_group_kill 0\n");
        assertTrue(g.memoryLimitHit());
        Files.writeString(dir.resolve("pids.events"), "max 0\n");
        assertFalse(g.processLimitHit());
        Files.writeString(dir.resolve("pids.events"), "max 7\n");
        assertTrue(g.processLimitHit());
        assertEquals(0, g.peakMemoryBytes(), "kernels before 5.19 have no memory.peak");
        Files.writeString(dir.resolve("memory.peak"), "201326592\n");
        assertEquals(201326592L, g.peakMemoryBytes());
        Files.writeString(dir.resolve("cgroup.kill"), "");
        g.close();
        assertEquals("1", Files.readString(dir.resolve("cgroup.kill")), "the whole tree is killed at once where cgroup.kill exists");
    }

    @Test
    void enabledControllersAreLeftAsTheyAreAndCpuOnlyWhenAsked() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "memory pids\n");
        CgroupV2 g = CgroupV2.create(root, new Limits(0, 10, 0, 2, 0, 0));
        assertEquals("memory pids\n", Files.readString(root.resolve("cgroup.subtree_control")), "already enabled: not rewritten");
        assertFalse(Files.exists(g.dir().resolve("cpu.max")), "no cpu controller available here");
        assertFalse(Files.exists(g.dir().resolve("memory.max")), "no memory cap asked");
        assertEquals("10", Files.readString(g.dir().resolve("pids.max")));
    }

    @Test
    void aDirectoryTheKernelDoesNotServeIsNotUsable() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Optional<String> why = CgroupV2.unavailableReason(root);
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("did not give") && why.get().contains("cgroup.subtree_control"), why.get());
        Files.writeString(root.resolve("cgroup.controllers"), "cpu io\n");
        assertEquals(Optional.of("the memory controller is not available in " + root + "/cgroup.controllers"), CgroupV2.unavailableReason(root));
    }

    @Test
    void theVersionIsPickedByWhatIsMounted() throws Exception {
        assertEquals(Optional.empty(), Cgroups.mounted(root));
        Files.createDirectories(root.resolve("memory"));
        assertEquals(Optional.of(Cgroups.Version.V1), Cgroups.mounted(root));
        Files.writeString(root.resolve("cgroup.controllers"), "memory pids\n");
        assertEquals(Optional.of(Cgroups.Version.V2), Cgroups.mounted(root));
        assertEquals("50000 100000", CgroupV2.cpuMax(0.5));
        assertEquals("1000 100000", CgroupV2.cpuMax(0.001), "at least 1 ms per period");
    }
}
