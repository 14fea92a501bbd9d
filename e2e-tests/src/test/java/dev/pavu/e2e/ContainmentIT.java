package dev.pavu.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The containment suite ({@link ContainmentSuite}, also {@code bench/security/run}) in CI: every hostile case
 * through the running stack must be contained.
 */
@ExtendWith(LocalStackExtension.class)
class ContainmentIT {

    @Test
    void everyHostileCaseIsContained() throws Exception {
        List<ContainmentSuite.Result> results = new ContainmentSuite().run();
        results.forEach(r -> System.out.println("[containment] " + r.line()));
        List<String> escaped = results.stream().filter(r -> !r.contained()).map(ContainmentSuite.Result::line).toList();
        assertTrue(escaped.isEmpty(), escaped.size() + " of " + results.size() + " cases not contained:\n" + String.join("\n", escaped));
    }
}
