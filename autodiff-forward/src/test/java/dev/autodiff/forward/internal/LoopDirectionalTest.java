package dev.autodiff.forward.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.RepeatedPrograms;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.ForwardScalar;
import dev.autodiff.engine.loops.LoopPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward mode's values and directional derivatives with loop kernels equal those interpreting
 * every node, to the bit, including the sign of a zero derivative.
 */
class LoopDirectionalTest {
    @Test
    void randomRepeatedProgramsAgreeToTheBit() {
        Random r = new Random(11);
        int loops = 0;
        int zeros = 0;
        for (int seed = 0; seed < 300; seed++) {
            int reps = 8 + seed % 40;
            List<Variable> x = new ArrayList<>();
            for (int i = 0; i < RepeatedPrograms.inputCount(reps); i++) {
                x.add(Expr.variable("x" + i));
            }
            Program p = Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).expression(x, reps)), x);
            LoopPlan plan = LoopPlan.withLoops(p);
            loops += plan.loops();
            ForwardScalar looped = new ForwardScalar(p, plan);
            ForwardScalar interpreted = new ForwardScalar(p, LoopPlan.none());
            for (int trial = 0; trial < 3; trial++) {
                double[] point = r.doubles(x.size(), -2, 2).toArray();
                double[] direction = r.doubles(x.size(), -1, 1).toArray();
                if (trial > 0) { // zeros, and a direction that leaves some terms constant
                    for (int i = trial - 1; i < point.length; i += 2) {
                        point[i] = trial == 2 ? -0.0 : 0;
                        direction[i] = 0;
                    }
                }
                double expected = interpreted.directional(point, direction);
                zeros += expected == 0 ? 1 : 0;
                String what = "seed " + seed + " trial " + trial;
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(looped.directional(point, direction)), what);
                assertEquals(Double.doubleToLongBits(interpreted.value(point)), Double.doubleToLongBits(looped.value(point)), what);
            }
        }
        assertTrue(loops >= 250, "most random repeated programs should run loops; found " + loops);
        assertTrue(zeros > 0, "some directional derivatives should be zero, to check their sign");
    }
}
