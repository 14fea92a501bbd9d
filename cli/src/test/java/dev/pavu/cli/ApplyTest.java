package dev.pavu.cli;

import dev.pavu.workspace.source.GitSources;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pavu apply}: a real JGit repository on disk and a planner played by the test. */
class ApplyTest {

    static final String FILE = "src/main/java/com/acme/VolumeDiscount.java";
    static final String BUGGY = "        if (units > 10) {";
    static final String FIXED = "        if (units >= 10) {";

    @TempDir
    Path tmp;

    /** A file of 20 lines whose line 14 is the bug the fake planner's patch fixes. */
    static String source(String line14) {
        return IntStream.rangeClosed(1, 20).mapToObj(i -> i == 14 ? line14 : "// line " + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static Git project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve(FILE).getParent());
        Files.writeString(dir.resolve(FILE), source(BUGGY));
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        git.commit().setMessage("initial").setSign(false).call();
        return git;
    }

    /** Events of a job whose baseline failed InvoiceTest#bulk and whose winning candidate was a template's. */
    static void story(FakePlanner fake) {
        String winner = UUID.randomUUID().toString();
        fake.event("pavu.diff.proposed.v1", 0, Map.of("candidateId", UUID.randomUUID().toString(), "diff", "", "pattern", "empty-patch"));
        fake.event("pavu.verdict.issued.v1", 0, Map.of("verdict", "FAIL", "diff", "",
                "failingTests", List.of(Map.of("testId", "com.acme.InvoiceTest#bulk"))));
        fake.event("pavu.diff.proposed.v1", 1, Map.of("candidateId", winner, "diff", fake.patch, "proposer", "template",
                "pattern", "relational-operator-replacement", "description", "VolumeDiscount.java:14 replace > with >="));
        fake.event("pavu.verdict.issued.v1", 1, Map.of("verdict", "PASS", "diff", fake.patch));
        fake.event("pavu.job.concluded.v1", 1, Map.of("outcome", "SUCCEEDED", "winningCandidateId", winner, "patch", fake.patch));
        fake.concludedAlready();
    }

    @Test
    void commitsTheFixOfAnUploadedFolderOnANewBranchAtHead() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            RevCommit head = git.log().call().iterator().next();
            fake.sourceKind = "bundle";
            fake.sourceCommit = GitSources.snapshotId(repo);
            story(fake);

            Cli.Run run = Cli.run(Map.of(), tmp, "apply", fake.jobId, "--dir", "shop", "--commit", "--planner", fake.url());

            assertEquals(0, run.code(), run.toString());
            String branch = "pavu/fix-" + fake.jobId.substring(0, 8);
            assertEquals(branch, git.getRepository().getBranch());
            assertEquals(source(FIXED), Files.readString(repo.resolve(FILE)));
            RevCommit fix = git.log().call().iterator().next();
            assertEquals(head, fix.getParent(0));
            String message = fix.getFullMessage();
            assertTrue(message.startsWith("Fix: make the failing tests pass\n\n"), message);
            assertTrue(message.contains("Found by: template (relational-operator-replacement): VolumeDiscount.java:14 replace > with >="), message);
            assertTrue(message.contains("  - com.acme.InvoiceTest#bulk"), message);
            assertTrue(message.contains("Pavu-Job: " + fake.jobId), message);
            assertTrue(git.status().call().isClean(), "the fix is committed, nothing left over");
            assertTrue(run.out().contains("committed " + fix.name()), run.out());
        }
    }

    @Test
    void refusesAWorkingTreeWithUncommittedChangesAndWritesNothing() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            fake.sourceKind = "bundle";
            fake.sourceCommit = GitSources.snapshotId(repo);
            story(fake);
            Files.writeString(repo.resolve(FILE), source(BUGGY) + "// my own edit\n");

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--commit", "--planner", fake.url());

            assertEquals(1, run.code(), run.toString());
            assertTrue(run.err().contains("uncommitted changes (1 file: " + FILE + ")"), run.err());
            assertEquals("main", git.getRepository().getBranch());
            assertEquals(1, git.branchList().call().size(), "no branch was created");
        }
    }

    @Test
    void refusesAFolderThatNoLongerHoldsWhatWasSubmitted() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            fake.sourceKind = "bundle";
            fake.sourceCommit = GitSources.snapshotId(repo);
            story(fake);
            Files.writeString(repo.resolve("NOTES.md"), "added after the job was submitted\n");
            git.add().addFilepattern("NOTES.md").call();
            git.commit().setMessage("later work").setSign(false).call();

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--planner", fake.url());

            assertEquals(1, run.code(), run.toString());
            assertTrue(run.err().contains("no longer holds the tree the job was submitted with"), run.err());
            assertEquals(source(BUGGY), Files.readString(repo.resolve(FILE)));
        }
    }

    @Test
    void aGitJobWhoseBaseCommitIsMissingSaysToFetchIt() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git ignored = project(repo); FakePlanner fake = new FakePlanner()) {
            fake.sourceKind = "git";
            fake.sourceCommit = "0123456789abcdef0123456789abcdef01234567";
            story(fake);

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--branch", "fix", "--planner", fake.url());

            assertEquals(1, run.code(), run.toString());
            assertTrue(run.err().contains("base commit 0123456789abcdef0123456789abcdef01234567 is not in this repository; fetch it first"), run.err());
        }
    }

    @Test
    void aPatchThatDoesNotApplyLeavesTheRepositoryAsItWas() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            fake.sourceKind = "git";
            fake.sourceCommit = git.log().call().iterator().next().name();
            fake.patch = fake.patch.replace("units > 10", "items > 99"); // context that is not in the file
            story(fake);

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--branch", "fix", "--commit", "--planner", fake.url());

            assertEquals(1, run.code(), run.toString());
            assertTrue(run.err().contains("the patch does not apply"), run.err());
            assertEquals("main", git.getRepository().getBranch());
            assertNull(git.getRepository().exactRef(Constants.R_HEADS + "fix"), "the new branch is deleted again");
            org.eclipse.jgit.api.Status status = git.status().call();
            assertTrue(status.isClean(), () -> "left over: " + status.getUncommittedChanges() + " " + status.getUntracked());
            assertEquals(source(BUGGY), Files.readString(repo.resolve(FILE)));
        }
    }

    @Test
    void aPatchNamingAPathOutsideTheProjectIsRefused() throws Exception {
        Path repo = tmp.resolve("shop");
        try (Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            fake.sourceKind = "git";
            fake.sourceCommit = git.log().call().iterator().next().name();
            fake.patch = "--- a/../outside.txt\n+++ b/../outside.txt\n@@ -0,0 +1 @@\n+owned\n";
            story(fake);

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--planner", fake.url());

            assertEquals(1, run.code(), run.toString());
            assertTrue(run.err().contains("'../outside.txt', which is outside the project"), run.err());
            assertFalse(Files.exists(tmp.resolve("outside.txt")));
        }
    }

    @Test
    void aProjectInASubdirectoryGetsThePatchBelowIt() throws Exception {
        Path top = tmp.resolve("mono");
        Path svc = top.resolve("services/shop");
        Files.createDirectories(svc.resolve(FILE).getParent());
        Files.writeString(svc.resolve(FILE), source(BUGGY));
        try (Git git = Git.init().setDirectory(top.toFile()).setInitialBranch("main").call();
             FakePlanner fake = new FakePlanner()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setSign(false).call();
            fake.sourceKind = "bundle";
            fake.sourceCommit = GitSources.snapshotId(svc);
            story(fake);

            Cli.Run run = Cli.run(Map.of(), svc, "apply", fake.jobId, "--branch", "shop-fix", "--commit", "--planner", fake.url());

            assertEquals(0, run.code(), run.toString());
            assertEquals(source(FIXED), Files.readString(svc.resolve(FILE)));
            assertTrue(run.out().contains("services/shop/" + FILE), run.out());
            assertTrue(git.status().call().isClean());
        }
    }

    @Test
    void pushesTheBranchToARemote() throws Exception {
        Path repo = tmp.resolve("shop");
        Path remote = tmp.resolve("remote.git");
        try (Git bare = Git.init().setBare(true).setDirectory(remote.toFile()).call();
             Git git = project(repo); FakePlanner fake = new FakePlanner()) {
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(remote.toUri().toString())).call();
            fake.sourceKind = "bundle";
            fake.sourceCommit = GitSources.snapshotId(repo);
            story(fake);

            Cli.Run run = Cli.run(Map.of(), repo, "apply", fake.jobId, "--branch", "fix-42", "--commit", "--push", "origin",
                    "--planner", fake.url());

            assertEquals(0, run.code(), run.toString());
            assertNotNull(bare.getRepository().exactRef(Constants.R_HEADS + "fix-42"));
            assertEquals(git.getRepository().resolve("HEAD"), bare.getRepository().resolve("refs/heads/fix-42"));
            assertTrue(run.out().contains("pushed fix-42 to origin"), run.out());
        }
    }

    @Test
    void pushWithoutCommitIsAUsageError() throws Exception {
        try (FakePlanner fake = new FakePlanner()) {
            Cli.Run run = Cli.run(Map.of(), tmp, "apply", fake.jobId, "--push", "origin", "--planner", fake.url());
            assertEquals(2, run.code(), run.toString());
            assertTrue(run.err().contains("--push needs --commit"), run.err());
        }
    }
}
