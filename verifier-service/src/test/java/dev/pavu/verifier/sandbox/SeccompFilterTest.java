package dev.pavu.verifier.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated seccomp program, run through a small classic-BPF interpreter: denied calls give EPERM, {@code clone3}
 * ENOSYS, {@code clone} with a namespace flag EPERM and without one ALLOW, ordinary calls ALLOW, another architecture
 * or an x32 call KILL. ({@code SandboxContainmentTest} checks the kernel agrees.)
 */
class SeccompFilterTest {

    private static final int ALLOW = 0x7fff0000;
    private static final int EPERM = 0x00050001;
    private static final int ENOSYS = 0x00050026;
    private static final int KILL = 0x80000000;

    @Test
    void x86_64() {
        byte[] p = SeccompFilter.program(SeccompFilter.X86_64);
        assertEquals(0, p.length % 8, "whole sock_filter entries");
        int arch = 0xC000003E;
        for (String name : SeccompFilter.DENIED) {
            Integer nr = SeccompFilter.X86_64.numbers().get(name);
            assertTrue(nr != null, name + " has a number on x86_64");
            assertEquals(EPERM, eval(p, arch, nr, 0), name);
        }
        assertEquals(ALLOW, eval(p, arch, 0, 0), "read");
        assertEquals(ALLOW, eval(p, arch, 1, 0), "write");
        assertEquals(ALLOW, eval(p, arch, 59, 0), "execve");
        assertEquals(ALLOW, eval(p, arch, 57, 0), "fork");
        assertEquals(ALLOW, eval(p, arch, 56, 0x003d0f00), "clone of a thread (glibc's flags)");
        assertEquals(EPERM, eval(p, arch, 56, 0x10000000 | 0x11), "clone with CLONE_NEWUSER");
        assertEquals(EPERM, eval(p, arch, 56, 0x20000000), "clone with CLONE_NEWPID");
        assertEquals(ENOSYS, eval(p, arch, 435, 0), "clone3: the C library falls back to clone");
        assertEquals(KILL, eval(p, 0x40000003, 26, 0), "i386 (int 0x80) numbers differ: killed");
        assertEquals(KILL, eval(p, arch, 0x40000000 | 101, 0), "x32 ptrace");
    }

    @Test
    void aarch64() {
        byte[] p = SeccompFilter.program(SeccompFilter.AARCH64);
        int arch = 0xC00000B7;
        assertEquals(EPERM, eval(p, arch, 117, 0), "ptrace");
        assertEquals(EPERM, eval(p, arch, 40, 0), "mount");
        assertEquals(EPERM, eval(p, arch, 97, 0), "unshare");
        assertEquals(EPERM, eval(p, arch, 268, 0), "setns");
        assertEquals(ENOSYS, eval(p, arch, 435, 0), "clone3");
        assertEquals(EPERM, eval(p, arch, 220, 0x10000000), "clone with CLONE_NEWUSER");
        assertEquals(ALLOW, eval(p, arch, 220, 0x11), "clone without namespaces");
        assertEquals(ALLOW, eval(p, arch, 63, 0), "read");
        assertEquals(ALLOW, eval(p, arch, 0x40000000 | 63, 0), "no x32 on aarch64: just an unknown number");
        assertEquals(KILL, eval(p, 0x40000028, 26, 0), "arm 32-bit");
    }

    /** Runs a classic BPF program on a {@code seccomp_data} (nr at 0, arch at 4, args[0] low half at 16). */
    private static int eval(byte[] program, int arch, int nr, int arg0) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int acc = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            int code = b.getShort(pc * 8) & 0xffff;
            int jt = b.get(pc * 8 + 2) & 0xff;
            int jf = b.get(pc * 8 + 3) & 0xff;
            int k = b.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> {
                    acc = switch (k) {
                        case 0 -> nr;
                        case 4 -> arch;
                        case 16 -> arg0;
                        default -> 0;
                    };
                    pc++;
                }
                case 0x15 -> pc += 1 + (acc == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(acc, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((acc & k) != 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected BPF code " + code + " at " + pc);
            }
        }
        throw new AssertionError("no return");
    }
}
