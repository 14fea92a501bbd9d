package dev.pavu.verifier.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seccomp filter for bubblewrap ({@code bwrap --seccomp FD} reads a compiled classic-BPF program, an array of
 * 8-byte {@code struct sock_filter} in the machine's byte order): system calls a build or a test never needs and
 * that widen the attack surface on the kernel (debugging other processes, mounting, namespaces, keyrings, BPF, perf,
 * kernel modules and kexec, …) fail with {@code EPERM}; {@code clone} with a namespace flag fails with {@code EPERM};
 * {@code clone3} (whose flags sit in memory a filter cannot read) fails with {@code ENOSYS}, so the C library falls
 * back to {@code clone}; everything else is allowed. A call made with another architecture's convention (32-bit
 * {@code int 0x80} or x32 on x86_64) kills the process: its numbers differ and would slip through.
 *
 * <p>The program:
 * <pre>
 * ld  [4]                      ; seccomp_data.arch
 * jeq #AUDIT_ARCH, next, kill
 * ld  [0]                      ; seccomp_data.nr
 * jge #0x40000000, kill        ; x32 (x86_64 only)
 * jeq #clone3, enosys
 * jeq #clone, check-flags
 * jeq #nr1, deny … jeq #nrN, deny
 * ret ALLOW
 * check-flags: ld [16] ; low 32 bits of args[0]; jset #CLONE_NEW*, deny; ret ALLOW
 * deny: ret ERRNO(EPERM) · enosys: ret ERRNO(ENOSYS) · kill: ret KILL_PROCESS
 * </pre>
 */
public final class SeccompFilter {

    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int JSET_K = 0x45;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    /** CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET. */
    static final int CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    /** The system calls denied, by name (those missing on an architecture are skipped). */
    public static final List<String> DENIED = List.of("ptrace", "mount", "umount2", "unshare", "setns", "pivot_root", "chroot",
            "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd", "kexec_load", "kexec_file_load",
            "init_module", "finit_module", "delete_module", "swapon", "swapoff", "reboot", "acct", "quotactl", "syslog",
            "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd", "name_to_handle_at", "open_by_handle_at",
            "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "io_uring_setup",
            "settimeofday", "clock_settime", "adjtimex", "vhangup", "iopl", "ioperm", "lookup_dcookie");

    /** An architecture's audit number ({@code AUDIT_ARCH_*}), whether x32 calls exist, and its system call numbers. */
    record Arch(String name, int audit, boolean x32Possible, Map<String, Integer> numbers) {
    }

    static final Arch X86_64 = new Arch("x86_64", 0xC000003E, true, Map.ofEntries(
            Map.entry("ptrace", 101), Map.entry("mount", 165), Map.entry("umount2", 166), Map.entry("unshare", 272),
            Map.entry("setns", 308), Map.entry("pivot_root", 155), Map.entry("chroot", 161), Map.entry("keyctl", 250),
            Map.entry("add_key", 248), Map.entry("request_key", 249), Map.entry("bpf", 321), Map.entry("perf_event_open", 298),
            Map.entry("userfaultfd", 323), Map.entry("kexec_load", 246), Map.entry("kexec_file_load", 320),
            Map.entry("init_module", 175), Map.entry("finit_module", 313), Map.entry("delete_module", 176), Map.entry("swapon", 167),
            Map.entry("swapoff", 168), Map.entry("reboot", 169), Map.entry("acct", 163), Map.entry("quotactl", 179),
            Map.entry("syslog", 103), Map.entry("process_vm_readv", 310), Map.entry("process_vm_writev", 311), Map.entry("kcmp", 312),
            Map.entry("pidfd_getfd", 438), Map.entry("name_to_handle_at", 303), Map.entry("open_by_handle_at", 304),
            Map.entry("open_tree", 428), Map.entry("move_mount", 429), Map.entry("fsopen", 430), Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432), Map.entry("fspick", 433), Map.entry("mount_setattr", 442), Map.entry("io_uring_setup", 425),
            Map.entry("settimeofday", 164), Map.entry("clock_settime", 227), Map.entry("adjtimex", 159), Map.entry("vhangup", 153),
            Map.entry("iopl", 172), Map.entry("ioperm", 173), Map.entry("lookup_dcookie", 212),
            Map.entry("clone", 56), Map.entry("clone3", 435)));

    static final Arch AARCH64 = new Arch("aarch64", 0xC00000B7, false, Map.ofEntries(
            Map.entry("ptrace", 117), Map.entry("mount", 40), Map.entry("umount2", 39), Map.entry("unshare", 97),
            Map.entry("setns", 268), Map.entry("pivot_root", 41), Map.entry("chroot", 51), Map.entry("keyctl", 219),
            Map.entry("add_key", 217), Map.entry("request_key", 218), Map.entry("bpf", 280), Map.entry("perf_event_open", 241),
            Map.entry("userfaultfd", 282), Map.entry("kexec_load", 104), Map.entry("kexec_file_load", 294),
            Map.entry("init_module", 105), Map.entry("finit_module", 273), Map.entry("delete_module", 106), Map.entry("swapon", 224),
            Map.entry("swapoff", 225), Map.entry("reboot", 142), Map.entry("acct", 89), Map.entry("quotactl", 60),
            Map.entry("syslog", 116), Map.entry("process_vm_readv", 270), Map.entry("process_vm_writev", 271), Map.entry("kcmp", 272),
            Map.entry("pidfd_getfd", 438), Map.entry("name_to_handle_at", 264), Map.entry("open_by_handle_at", 265),
            Map.entry("open_tree", 428), Map.entry("move_mount", 429), Map.entry("fsopen", 430), Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432), Map.entry("fspick", 433), Map.entry("mount_setattr", 442), Map.entry("io_uring_setup", 425),
            Map.entry("settimeofday", 170), Map.entry("clock_settime", 112), Map.entry("adjtimex", 171), Map.entry("vhangup", 58),
            Map.entry("lookup_dcookie", 18), Map.entry("clone", 220), Map.entry("clone3", 435)));

    private SeccompFilter() {
    }

    /**
     * @param osArch {@code os.arch} of a JVM ({@code amd64}, {@code x86_64}, {@code aarch64}, …)
     * @return the architecture's tables, empty when this filter does not know it
     */
    static Optional<Arch> arch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    /**
     * @return the filter for this machine's architecture, little-endian (both supported architectures are)
     * @throws IllegalStateException on an architecture other than x86_64 and aarch64
     */
    public static byte[] forThisMachine() {
        String a = System.getProperty("os.arch");
        return program(arch(a).orElseThrow(() -> new IllegalStateException("no seccomp filter for the architecture " + a)));
    }

    /**
     * Writes the filter for this machine to a new file readable only by its owner.
     *
     * @param dir where to write it
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path f = Files.createTempFile(dir, "pavu-seccomp-", ".bpf", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(f, forThisMachine());
        return f;
    }

    private static Path shared;

    /**
     * The filter for this machine, written once per verifier process to the temporary directory (deleted at exit)
     * and reused by every sandbox built afterwards.
     *
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static synchronized Path shared() throws IOException {
        if (shared == null || !Files.isRegularFile(shared)) {
            shared = write(Path.of(System.getProperty("java.io.tmpdir")));
            shared.toFile().deleteOnExit();
        }
        return shared;
    }

    /**
     * @param arch the architecture
     * @return the compiled program
     */
    static byte[] program(Arch arch) {
        List<int[]> p = new ArrayList<>(); // {code, jt, jf, k}
        List<Integer> denied = DENIED.stream().filter(arch.numbers()::containsKey).map(arch.numbers()::get).toList();
        // fixed layout: the tail is [ALLOW, clone-flags: LD, JSET, ALLOW, DENY, ENOSYS, KILL]
        p.add(new int[] {LD_W_ABS, 0, 0, 4});
        p.add(new int[] {JEQ_K, 0, -1 /* kill */, arch.audit()});
        p.add(new int[] {LD_W_ABS, 0, 0, 0});
        if (arch.x32Possible()) {
            p.add(new int[] {JGE_K, -1 /* kill */, 0, 0x40000000});
        }
        p.add(new int[] {JEQ_K, -3 /* enosys */, 0, arch.numbers().get("clone3")});
        p.add(new int[] {JEQ_K, -4 /* clone flags */, 0, arch.numbers().get("clone")});
        for (int nr : denied) {
            p.add(new int[] {JEQ_K, -2 /* deny */, 0, nr});
        }
        p.add(new int[] {RET_K, 0, 0, RET_ALLOW});
        int cloneFlags = p.size();
        p.add(new int[] {LD_W_ABS, 0, 0, 16});
        p.add(new int[] {JSET_K, -2 /* deny */, 0, CLONE_NAMESPACES});
        p.add(new int[] {RET_K, 0, 0, RET_ALLOW});
        int deny = p.size();
        p.add(new int[] {RET_K, 0, 0, RET_ERRNO | EPERM});
        int enosys = p.size();
        p.add(new int[] {RET_K, 0, 0, RET_ERRNO | ENOSYS});
        int kill = p.size();
        p.add(new int[] {RET_K, 0, 0, RET_KILL_PROCESS});
        ByteBuffer b = ByteBuffer.allocate(p.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < p.size(); i++) {
            int[] ins = p.get(i);
            b.putShort((short) ins[0]);
            b.put((byte) jump(i, ins[1], deny, enosys, kill, cloneFlags));
            b.put((byte) jump(i, ins[2], deny, enosys, kill, cloneFlags));
            b.putInt(ins[3]);
        }
        return b.array();
    }

    private static int jump(int at, int target, int deny, int enosys, int kill, int cloneFlags) {
        if (target >= 0) {
            return target;
        }
        int to = switch (target) {
            case -1 -> kill;
            case -2 -> deny;
            case -3 -> enosys;
            case -4 -> cloneFlags;
            default -> throw new IllegalArgumentException("jump " + target);
        };
        int off = to - at - 1;
        if (off < 0 || off > 255) {
            throw new IllegalStateException("seccomp jump out of range: " + off);
        }
        return off;
    }
}
