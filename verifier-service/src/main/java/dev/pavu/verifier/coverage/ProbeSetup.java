package dev.pavu.verifier.coverage;

import java.util.List;
import java.util.Map;

/**
 * What a coverage run adds to the test command of a candidate.
 *
 * @param mavenArgs   extra Maven arguments (the listener jar on surefire's test classpath)
 * @param environment extra environment variables of the run ({@code JAVA_TOOL_OPTIONS} with the JaCoCo agent)
 * @param description one line for the candidate's log
 */
public record ProbeSetup(List<String> mavenArgs, Map<String, String> environment, String description) {
    public ProbeSetup {
        mavenArgs = List.copyOf(mavenArgs);
        environment = Map.copyOf(environment);
    }
}
