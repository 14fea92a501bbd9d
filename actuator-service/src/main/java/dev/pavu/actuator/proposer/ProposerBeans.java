package dev.pavu.actuator.proposer;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * CDI wiring of the plain-Java proposer: the pattern priors (the static table unless another
 * {@link PatternPriors} bean — e.g. priors learned from past verdicts — is present) and the template
 * proposer built from the {@link PatternCatalog}.
 */
@ApplicationScoped
public class ProposerBeans {

    /** @return the static prior table, replaceable by any other {@link PatternPriors} bean */
    @Produces
    @Singleton
    @DefaultBean
    public PatternPriors patternPriors() {
        return new StaticPatternPriors();
    }

    /**
     * @param priors the pattern priors in use
     * @return the template proposer with every catalogued pattern
     */
    @Produces
    @Singleton
    public TemplateProposer templateProposer(PatternPriors priors) {
        return new TemplateProposer(PatternCatalog.defaults(), priors);
    }
}
