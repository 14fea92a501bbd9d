package dev.pavu.actuator.proposer;

import dev.pavu.actuator.config.ActuatorConfig;
import dev.pavu.actuator.proposer.patterns.RenamedIngredientInsertion;
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
     * @param config the actuator's settings ({@code pavu.actuator.template.insertion.*} bound the statement insertion)
     * @return the template proposer with every catalogued pattern
     */
    @Produces
    @Singleton
    public TemplateProposer templateProposer(PatternPriors priors, ActuatorConfig config) {
        ActuatorConfig.Insertion i = config.template().insertion();
        return new TemplateProposer(PatternCatalog.defaults(new RenamedIngredientInsertion.Limits(i.perLocation(),
                i.ingredients(), i.choicesPerVariable(), i.renamings(), i.pool())), priors);
    }
}
