package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Levels;
import dev.autodiff.core.internal.program.Program;
import java.util.List;

/**
 * The order a program runs in, chosen once when it is compiled, and the loops of that order. The
 * program's own order (depth first) makes loops of chains: a sum of terms added one after another
 * repeats term, sum, term, sum. A balanced (pairwise) sum has no such period, so when a large
 * program's loops cover less than half of it, the orders of {@link Levels} are tried, by joins and
 * then by height, and the first that leaves at most half as many operations outside loops is kept.
 * A reorder changes no arithmetic: every result is the same to the bit in any of these orders.
 *
 * @param program the program in the order chosen; its inputs are those of the program given
 * @param plan the loops of {@code program} with their kernels
 * @param order which order {@code program} is in
 */
public record Schedule(Program program, LoopPlan plan, Order order) {
    /** The orders a program may run in. */
    public enum Order {
        /** The program's own order, as compiled. */
        PROGRAM,
        /** {@link Levels#byJoins}. */
        JOINS,
        /** {@link Levels#byHeight}. */
        HEIGHT
    }

    /**
     * The fewest operations for which another order is tried: below, the whole program is compiled
     * after a few calls anyway (segments, or one method), and the order hardly matters. Measured on
     * balanced sums of sin(x_i²): levelled, a gradient took as long as compiled segments at 384
     * operations, and about 0.8 times as long from 510 on (0.55 at 60,000).
     */
    static final int MIN_OPERATIONS = 500;

    /**
     * {@return the schedule of {@code program}}: its own order unless it has at least
     * {@value #MIN_OPERATIONS} operations, loops cover less than half of them, and a levelled order
     * leaves at most half as many outside loops; every node interpreted, in the program's order, when
     * loops are turned off ({@value LoopPlan#PROPERTY})
     */
    public static Schedule of(Program program) {
        if (!LoopPlan.enabled()) {
            return new Schedule(program, LoopPlan.none(), Order.PROGRAM);
        }
        List<LoopFinder.Found> found = LoopFinder.find(program);
        int operations = program.size - program.inputCount;
        int outside = operations - covered(found);
        if (operations >= MIN_OPERATIONS && 2 * outside > operations) {
            for (Order order : new Order[] {Order.JOINS, Order.HEIGHT}) {
                Program reordered = program.reordered(order == Order.JOINS ? Levels.byJoins(program) : Levels.byHeight(program));
                List<LoopFinder.Found> loops = LoopFinder.find(reordered);
                if (2 * (operations - covered(loops)) <= outside) {
                    return new Schedule(reordered, LoopPlan.of(reordered, loops), order);
                }
            }
        }
        return new Schedule(program, LoopPlan.of(program, found), Order.PROGRAM);
    }

    /** {@return the number of nodes in {@code loops}} */
    private static int covered(List<LoopFinder.Found> loops) {
        int n = 0;
        for (LoopFinder.Found f : loops) {
            n += f.reps() * f.period();
        }
        return n;
    }
}
