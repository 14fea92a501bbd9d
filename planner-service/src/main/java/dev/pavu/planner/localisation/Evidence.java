package dev.pavu.planner.localisation;

import java.util.List;
import java.util.Set;

/**
 * One source of fault-localisation evidence (stack traces, call graph, and later spectrum-based
 * suspiciousness such as Ochiai from per-test coverage). {@link FaultLocaliser} merges the sources.
 */
public interface Evidence {

    /** @return the name written into {@code SuspiciousLocation.evidence}, e.g. {@code stack-trace} */
    String name();

    /**
     * @param input what is known about the failure
     * @param index the parsed project
     * @return scored statements (scores in [0, 1]); empty when this source has nothing to say
     */
    List<ScoredLine> collect(LocalisationInput input, ProjectIndex index);

    /**
     * How much this source's scores count, given which sources found something. The default is 1.
     *
     * @param sourcesWithResults names of the sources that returned at least one line
     * @return a factor in (0, 1]
     */
    default double weight(Set<String> sourcesWithResults) {
        return 1.0;
    }
}
