package dev.pavu.verifier.gate;

import dev.pavu.contracts.Verdict;
import dev.pavu.verifier.config.VerifierConfig;
import dev.pavu.verifier.sandbox.OutputCapture;
import dev.pavu.verifier.sandbox.RunWatch;
import dev.pavu.verifier.sandbox.UnsandboxedSandbox;
import dev.pavu.verifier.toolchain.MavenToolchain;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Maven run whose output does not show surefire starting (output lost or cut) but that wrote surefire reports is
 * judged by those reports: before, it was read as PASS "the build passed; no tests ran" whatever the reports said.
 * The "Maven" here is a script that prints nothing, writes one report with a failing test and exits 0.
 */
class MavenGatesEvidenceTest {

    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="demo.CalcTest" tests="2" failures="1" errors="0" skipped="0">
              <testcase name="adds" classname="demo.CalcTest" time="0.01"/>
              <testcase name="subtracts" classname="demo.CalcTest" time="0.01">
                <failure message="expected: &lt;1&gt; but was: &lt;3&gt;" type="org.opentest4j.AssertionFailedError">boom</failure>
              </testcase>
            </testsuite>
            """;

    @Test
    void reportsWithoutSurefiresOutputAreJudgedByTheirTests(@TempDir Path tmp) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("report.xml"), REPORT);
        Path mvn = tmp.resolve("silent-mvn");
        Files.writeString(mvn, "#!/bin/sh\nmkdir -p target/surefire-reports\ncp report.xml target/surefire-reports/TEST-demo.CalcTest.xml\nexit 0\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        MavenGates gates = gates(tmp, mvn);

        GateOutcome o = gates.run(project, List.of(), Duration.ofSeconds(30), new OutputCapture(4096, 4096, null), RunWatch.NONE);

        assertEquals(Verdict.FAIL, o.verdict(), o.reason());
        assertTrue(o.reason().startsWith("1 of 2 tests failed: CalcTest#subtracts"), o.reason());
        assertEquals(2, o.testsRun());
    }

    @Test
    void noReportAndNoSurefireOutputIsStillABuildWithoutTests(@TempDir Path tmp) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path mvn = tmp.resolve("silent-mvn");
        Files.writeString(mvn, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        GateOutcome o = gates(tmp, mvn).run(project, List.of(), Duration.ofSeconds(30), new OutputCapture(4096, 4096, null), RunWatch.NONE);

        assertEquals(Verdict.PASS, o.verdict(), o.reason());
        assertEquals("the build passed; no tests ran", o.reason());
    }

    private static MavenGates gates(Path tmp, Path mvn) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("pavu.verifier.home", tmp.resolve("home").toString())
                .withDefaultValue("pavu.verifier.maven.command", mvn.toString())
                .withMapping(VerifierConfig.class).build();
        VerifierConfig config = c.getConfigMapping(VerifierConfig.class);
        return new MavenGates(new MavenToolchain(config), new UnsandboxedSandbox(), config);
    }
}
