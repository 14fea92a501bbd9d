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

import java.util.List;

/** The fix patterns of the template proposer. Add a pattern here (and its prior) to enable it. */
public final class PatternCatalog {

    private PatternCatalog() {
    }

    /** @return every pattern with its default bounds, in the order their mutations are generated (ties in rank keep this order) */
    public static List<FixPattern> defaults() {
        return defaults(RenamedIngredientInsertion.Limits.DEFAULTS);
    }

    /**
     * @param insertion bounds of {@code renamed-ingredient-insertion} ({@code pavu.actuator.template.insertion.*})
     * @return every pattern, in the order their mutations are generated (ties in rank keep this order)
     */
    public static List<FixPattern> defaults(RenamedIngredientInsertion.Limits insertion) {
        return List.of(
                new RelationalOperatorReplacement(),
                new OffByOne(),
                new ArithmeticOperatorReplacement(),
                new LogicalOperatorReplacement(),
                new CompoundAssignmentReplacement(),
                new VariableReplacement(),
                new SwappedArguments(),
                new ConditionRemoval(),
                new ConditionNegation(),
                new MethodCallReplacement(),
                new OverloadChange(),
                new ReturnValueChange(),
                new NullCheckInsertion(),
                new DivisionGuard(),
                new DivisionReordering(),
                new SwappedOperands(),
                new ConstantReplacement(),
                new CastChange(),
                new ConditionNarrowing(),
                new ConditionWidening(),
                new ExpressionVariableReplacement(),
                new LoopBoundChange(),
                new IncrementInsertion(),
                new BreakInsertion(),
                new ReturnInsertion(),
                new ElseInsertion(),
                new ElseRemoval(),
                new NormalisingAssignment(),
                new MathWrapper(),
                new StatementSwap(),
                new StatementDeletion(),
                new IngredientInsertion(),
                new RenamedIngredientInsertion(insertion),
                new ConditionSynthesis());
    }
}
