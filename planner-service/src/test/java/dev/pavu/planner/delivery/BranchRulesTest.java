package dev.pavu.planner.delivery;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.TreeSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BranchRulesTest {

    static final BranchRules PAVU = new BranchRules("pavu/", new TreeSet<>(List.of("bot-a", "bot-b")));
    static final BranchRules BARE = new BranchRules("", new TreeSet<>(List.of("bot-a")));

    @Test
    void namesArePutUnderThePrefixOnce() {
        assertEquals("pavu/fix-median", PAVU.branch("fix-median", "main").name());
        assertEquals("pavu/fix-median", PAVU.branch("pavu/fix-median", "main").name());
        assertEquals("pavu/fix/x", PAVU.branch("refs/heads/fix/x", null).name());
        assertEquals("fix", BARE.branch("fix", "main").name());
    }

    @Test
    void protectedNonHeadInvalidAndTheJobsOwnRefAreRefused() {
        for (String name : List.of("main", "master", "MAIN", "refs/heads/master")) {
            assertTrue(PAVU.branch(name, "dev").problem().contains("protected branch name"), name);
        }
        assertTrue(BARE.branch("master", null).problem().contains("protected"));
        assertTrue(PAVU.branch("refs/tags/v1", null).problem().contains("only refs/heads/"));
        assertTrue(PAVU.branch("refs/pull/1/head", null).problem().contains("only refs/heads/"));
        for (String bad : List.of("a..b", "fix median", "x~1", "x^", "x:y", "x?", "x*", "x[", "x\\y", "x/", "x.lock", "")) {
            assertNull(PAVU.branch(bad, null).name(), bad);
        }
        assertTrue(PAVU.branch("x".repeat(300), null).problem().contains("not a valid git branch name"));
        assertTrue(PAVU.branch("fix", "pavu/fix").problem().contains("the job's own ref"));
        assertTrue(PAVU.branch("fix", "refs/heads/pavu/fix").problem().contains("the job's own ref"));
        assertTrue(BARE.branch("release", "release").problem().contains("the job's own ref"));
    }

    @Test
    void anUnknownCredentialAndAnotherTeamsAreToldAlikeNamingOnlyTheTeamsOwn() {
        assertEquals(Optional.empty(), PAVU.credentialRefusal("bot-a"));
        assertEquals(Optional.of("no such credential 'bot-z'; your team may use [bot-a, bot-b]"), PAVU.credentialRefusal("bot-z"));
        assertTrue(BranchRules.NONE.credentialRefusal("bot-a").orElseThrow().contains("none is configured for your team"));
        assertTrue(PAVU.credentialRefusal(null).orElseThrow().startsWith("required"));
    }
}
