package dev.pavu.actuator.proposer;


import dev.pavu.actuator.proposer.patterns.ArithmeticOperatorReplacement;
import dev.pavu.actuator.proposer.patterns.BreakInsertion;
import dev.pavu.actuator.proposer.patterns.CastChange;
import dev.pavu.actuator.proposer.patterns.CompoundAssignmentReplacement;
import dev.pavu.actuator.proposer.patterns.ConditionNarrowing;
import dev.pavu.actuator.proposer.patterns.ConditionSynthesis;
import dev.pavu.actuator.proposer.patterns.ConditionNegation;
import dev.pavu.actuator.proposer.patterns.ConditionRemoval;
import dev.pavu.actuator.proposer.patterns.ConditionWidening;
import dev.pavu.actuator.proposer.patterns.ConstantReplacement;
import dev.pavu.actuator.proposer.patterns.DivisionGuard;
import dev.pavu.actuator.proposer.patterns.DivisionReordering;
import dev.pavu.actuator.proposer.patterns.ElseInsertion;
import dev.pavu.actuator.proposer.patterns.ElseRemoval;
import dev.pavu.actuator.proposer.patterns.ExpressionVariableReplacement;
import dev.pavu.actuator.proposer.patterns.IncrementInsertion;
import dev.pavu.actuator.proposer.patterns.IngredientInsertion;
import dev.pavu.actuator.proposer.patterns.RenamedIngredientInsertion;
import dev.pavu.actuator.proposer.patterns.LogicalOperatorReplacement;
import dev.pavu.actuator.proposer.patterns.LoopBoundChange;
import dev.pavu.actuator.proposer.patterns.MathWrapper;
import dev.pavu.actuator.proposer.patterns.MethodCallReplacement;
import dev.pavu.actuator.proposer.patterns.NormalisingAssignment;
import dev.pavu.actuator.proposer.patterns.NullCheckInsertion;
import dev.pavu.actuator.proposer.patterns.OffByOne;
import dev.pavu.actuator.proposer.patterns.OverloadChange;
import dev.pavu.actuator.proposer.patterns.RelationalOperatorReplacement;
import dev.pavu.actuator.proposer.patterns.ReturnInsertion;
import dev.pavu.actuator.proposer.patterns.ReturnValueChange;
import dev.pavu.actuator.proposer.patterns.StatementDeletion;
import dev.pavu.actuator.proposer.patterns.StatementSwap;
import dev.pavu.actuator.proposer.patterns.SwappedArguments;
import dev.pavu.actuator.proposer.patterns.SwappedOperands;
import dev.pavu.actuator.proposer.patterns.VariableReplacement;

import java.util.Map;

/**
 * Hand-set priors, ordered after how often each family fixes one-line bugs in the repair literature
 * (operator and off-by-one mutations first; insertions of new code, which widen the search most, and
 * deletion last: it passes tests by removing behaviour, ingredient reuse lowest: its search space is
 * the largest and its plausible patches the most often overfitting).
 * Unknown patterns get {@link #DEFAULT}.
 *
 * <p>Per failure kind, a pattern that exists for one exception is the first thing to try when the baseline fails with
 * it: {@link #BY_FAILURE_KIND} gives such a pattern {@link #FOR_ITS_EXCEPTION} for that kind (an
 * {@code ArithmeticException} is a division by zero far more often than a wrong operator). Other patterns keep their
 * table prior for every kind.
 */
public final class StaticPatternPriors implements PatternPriors {

    /** Prior of a pattern missing from the table. */
    public static final double DEFAULT = 0.5;

    /** Pattern name → prior. */
    public static final Map<String, Double> TABLE = Map.ofEntries(
            Map.entry(RelationalOperatorReplacement.NAME, 1.0),
            Map.entry(OffByOne.NAME, 0.9),
            Map.entry(ArithmeticOperatorReplacement.NAME, 0.8),
            Map.entry(LogicalOperatorReplacement.NAME, 0.8),
            Map.entry(VariableReplacement.NAME, 0.75),
            Map.entry(SwappedArguments.NAME, 0.7),
            Map.entry(CompoundAssignmentReplacement.NAME, 0.7),
            Map.entry(ConditionRemoval.NAME, 0.6),
            Map.entry(ConditionNegation.NAME, 0.6),
            Map.entry(MethodCallReplacement.NAME, 0.6),
            Map.entry(OverloadChange.NAME, 0.5),
            Map.entry(ReturnValueChange.NAME, 0.6),
            Map.entry(NullCheckInsertion.NAME, 0.5),
            Map.entry(DivisionGuard.NAME, 0.35),
            Map.entry(DivisionReordering.NAME, 0.4),
            Map.entry(SwappedOperands.NAME, 0.6),
            Map.entry(ConstantReplacement.NAME, 0.55),
            Map.entry(CastChange.NAME, 0.55),
            Map.entry(ConditionNarrowing.NAME, 0.55),
            Map.entry(ConditionWidening.NAME, 0.45),
            Map.entry(ExpressionVariableReplacement.NAME, 0.5),
            Map.entry(LoopBoundChange.NAME, 0.5),
            Map.entry(IncrementInsertion.NAME, 0.5),
            Map.entry(BreakInsertion.NAME, 0.5),
            Map.entry(ReturnInsertion.NAME, 0.4),
            Map.entry(ElseInsertion.NAME, 0.4),
            Map.entry(ElseRemoval.NAME, 0.4),
            Map.entry(NormalisingAssignment.NAME, 0.2),
            Map.entry(MathWrapper.NAME, 0.4),
            Map.entry(StatementSwap.NAME, 0.35),
            Map.entry(StatementDeletion.NAME, 0.3),
            Map.entry(IngredientInsertion.NAME, 0.25),
            Map.entry(RenamedIngredientInsertion.NAME, 0.25),
            Map.entry(ConditionSynthesis.NAME, 0.3));

    /** Prior of a pattern made for the exception a baseline fails with. */
    public static final double FOR_ITS_EXCEPTION = 1.0;

    /** Failure kind ({@code dev.pavu.contracts.FailureKinds}: an exception's simple name) → the pattern made for it. */
    public static final Map<String, String> BY_FAILURE_KIND = Map.of("ArithmeticException", DivisionGuard.NAME);

    @Override
    public double prior(String pattern) {
        return TABLE.getOrDefault(pattern, DEFAULT);
    }

    @Override
    public double prior(String pattern, String failureKind) {
        return failureKind != null && pattern.equals(BY_FAILURE_KIND.get(failureKind)) ? FOR_ITS_EXCEPTION : prior(pattern);
    }
}
