package dev.autodiff.engine;

import static dev.autodiff.engine.KernelAgreementTest.assertAgree;
import static dev.autodiff.engine.KernelAgreementTest.interpreted;
import static dev.autodiff.engine.KernelAgreementTest.looped;
import static dev.autodiff.engine.KernelAgreementTest.variables;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.loops.LoopPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Branches ({@code ifElse}: {@link Primitive#IF_ELSE} nodes, whose condition is a third operand,
 * {@code Program.third}) give the same bits run by loop kernels, by compiled straight-line segments
 * and by whole-program kernels as interpreted: values, gradients, directional derivatives (the sign
 * of a zero included), Hessian-vector products and Hessians.
 *
 * <p>The points are chosen where a branch is easy to get wrong: a condition exactly 0 (±0: the branch
 * when false) or NaN (the value NaN, no derivative through either branch), and a branch not taken
 * that is infinite or NaN, with infinite or NaN partials, which the interpreter multiplies by an exact
 * zero so that it reaches neither the value nor any derivative. The conditions come from everywhere a
 * loop can read them: an input, a comparison inside the term, the previous repetition's value.
 *
 * <p>The agreement tests hold whichever nodes the kernels run. The coverage tests
 * ({@link #branchesRunInKernels}, {@link #everyShapeOfBranchRunsAsALoop},
 * {@link #randomProgramsWithBranchesRunInKernels}) check that branches are run by kernels at all, not
 * left to the interpreter.
 */
class BranchKernelTest {
    /** Huber's threshold between the quadratic and the linear piece. */
    private static final double DELTA = 0.5;

    private static final int[] SIZES = {8, 33, 200};

    private static final double[] NO_PARAMETERS = {};

    /**
     * {@return the datum y_i of Huber's loss}: distinct odd multiples of 2⁻¹⁰ in (−1, 1) for i < 1024,
     * so that no two terms share a constant node (merged, it would break the terms' repetition) and
     * y_i ± δ is exact, a point on the boundary between the pieces
     */
    private static double datum(int i) {
        return (2 * ((i * 389) % 1024) - 1023) / 1024.0;
    }

    /** {@return Σ h(x_i − y_i), h(r) = r²/2 for |r| < δ, δ(|r| − δ/2) elsewhere}, as the bench's Huber writes it */
    private static Expr huber(List<Variable> x, int n) {
        return Expr.sum(0, n, i -> {
            Expr r = x.get(i).minus(datum(i));
            Expr a = r.abs();
            return a.lessThan(DELTA).ifElse(r.square().times(0.5), a.minus(DELTA / 2).times(DELTA));
        });
    }

    /** Programs of n branchy terms over x_0 … x_n (n + 1 variables): sums, a product and a recurrence. */
    enum Shape {
        /** Huber's loss: the condition compares a computed |r| with δ; both branches are computed from r. */
        HUBER {
            @Override
            Expr of(List<Variable> x, int n) {
                return huber(x, n);
            }
        },
        /** Σ ifElse(x_i, x_i·x_{i+1}, sin x_{i+1}): the condition is an input, read from outside the loop. */
        INPUT_CONDITION {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).ifElse(x.get(i).times(x.get(i + 1)), x.get(i + 1).sin()));
            }
        },
        /** s_{i+1} = ifElse(s_i > 0, s_i/2 + x_{i+1}, x_{i+1} − s_i): the condition reads the previous repetition. */
        RECURRENCE {
            @Override
            Expr of(List<Variable> x, int n) {
                Expr s = x.get(0);
                for (int i = 1; i <= n; i++) {
                    s = s.greaterThan(0).ifElse(s.times(0.5).plus(x.get(i)), x.get(i).minus(s));
                }
                return s;
            }
        },
        /** Σ ifElse(x_i ≥ x_{i+1}, (x_i − x_{i+1})², sin(x_i·x_{i+1})): a condition computed in the term from two inputs. */
        COMPARISON {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).greaterOrEqual(x.get(i + 1))
                        .ifElse(x.get(i).minus(x.get(i + 1)).square(), x.get(i).times(x.get(i + 1)).sin()));
            }
        },
        /** Π ifElse(x_i < x_{i+1}, 1 + tanh(max(x_i, x_{i+1}))/10, e^(min(x_i, x_{i+1})/10)): branches in a product chain. */
        PRODUCT {
            @Override
            Expr of(List<Variable> x, int n) {
                Expr product = null;
                for (int i = 0; i < n; i++) {
                    Expr a = x.get(i);
                    Expr b = x.get(i + 1);
                    Expr term = a.lessThan(b).ifElse(a.max(b).tanh().times(0.1).plus(1), a.min(b).times(0.1).exp());
                    product = product == null ? term : product.times(term);
                }
                return product;
            }
        },
        /** Σ ifElse(max(x_i, x_{i+1}) < 1, min(x_i, x_{i+1}), hypot(max(x_i, 0.5), x_{i+1})): max and min on both sides. */
        MAX_MIN {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).max(x.get(i + 1)).lessThan(1)
                        .ifElse(x.get(i).min(x.get(i + 1)), x.get(i).max(0.5).hypot(x.get(i + 1))));
            }
        },
        /** Σ ifElse(x_i > 0, x_{i+1}·ln x_i, x_i·x_{i+1}): where x_i ≤ 0 the branch not taken is −∞ or NaN. */
        GUARDED_LOG {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).greaterThan(0)
                        .ifElse(x.get(i + 1).times(x.get(i).log()), x.get(i).times(x.get(i + 1))));
            }
        },
        /** Σ ifElse(x_i, x_{i+1}/x_i, x_{i+1}²): where x_i = ±0 the branch not taken is ±∞ or NaN. */
        GUARDED_DIVISION {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).ifElse(x.get(i + 1).div(x.get(i)), x.get(i + 1).square()));
            }
        },
        /** Σ ifElse(ln x_i, x_{i+1}², x_i − x_{i+1}): the condition is NaN where x_i < 0, 0 at 1, −∞ at 0. */
        LOG_CONDITION {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).log().ifElse(x.get(i + 1).square(), x.get(i).minus(x.get(i + 1))));
            }
        },
        /** Σ ifElse(x_i/x_{i+1}, x_i + x_{i+1}, cos(x_i·x_{i+1})): the condition is 0/0 = NaN where both are 0. */
        QUOTIENT_CONDITION {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).div(x.get(i + 1))
                        .ifElse(x.get(i).plus(x.get(i + 1)), x.get(i).times(x.get(i + 1)).cos()));
            }
        },
        /** Σ ifElse(x_i > 0, x_i·x_{i+1}, 0): a constant branch, the shape of a ReLU. */
        CONSTANT_BRANCH {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).greaterThan(0).ifElse(x.get(i).times(x.get(i + 1)), Expr.constant(0)));
            }
        },
        /** Σ ifElse(x_i < 0, ifElse(x_{i+1} > x_i, x_i², x_{i+1}), √x_i·x_{i+1}): nested; √x_i is NaN where not taken. */
        NESTED {
            @Override
            Expr of(List<Variable> x, int n) {
                return Expr.sum(0, n, i -> x.get(i).lessThan(0).ifElse(
                        x.get(i + 1).greaterThan(x.get(i)).ifElse(x.get(i).square(), x.get(i + 1)),
                        x.get(i).sqrt().times(x.get(i + 1))));
            }
        };

        /** {@return the program's expression of {@code n} terms over {@code x}, n + 1 variables} */
        abstract Expr of(List<Variable> x, int n);

        Program program(int n) {
            List<Variable> x = variables(n + 1);
            return Program.compile(List.of(of(x, n)), x);
        }
    }

    /** A point and what it is for. */
    private record Point(String what, double[] x) {}

    /** {@return the points each shape is checked at, of {@code m} coordinates} */
    private static List<Point> points(int m, Random r) {
        List<Point> points = new ArrayList<>();
        points.add(new Point("at random", r.doubles(m, -2, 2).toArray()));
        points.add(new Point("at random again", r.doubles(m, -2, 2).toArray()));
        // conditions exactly 0 select the branch when false; x_{i+1}/x_i and ln x_i, not taken, are ±∞
        points.add(new Point("with zeros", with(r.doubles(m, -2, 2).toArray(), 2, 0, 0.0)));
        // every comparison of equal operands, 0/0 conditions (NaN values), ties of max and min
        points.add(new Point("at 0", new double[m]));
        // -0 is a false condition as +0 is; its sign must reach values and derivatives alike
        points.add(new Point("with -0", with(r.doubles(m, -2, 2).toArray(), 2, 0, -0.0)));
        // ln and √ of negatives: NaN conditions, NaN branches not taken
        points.add(new Point("with -1", with(r.doubles(m, -2, 2).toArray(), 3, 0, -1)));
        // ln 1 = 0: a condition computed exactly 0, not read from an input
        points.add(new Point("with ones", with(r.doubles(m, -2, 2).toArray(), 2, 1, 1)));
        // Huber's boundary |r| = δ exactly (the linear piece), r = 0, and r a rounding from the boundary
        double[] boundary = r.doubles(m, -2, 2).toArray();
        for (int i = 0; i < m; i++) {
            double y = datum(i);
            boundary[i] = switch (i % 4) {
                case 0 -> y + DELTA;
                case 1 -> y - DELTA;
                case 2 -> y;
                default -> Math.nextDown(y + DELTA);
            };
        }
        points.add(new Point("on Huber's boundary", boundary));
        // infinite branches, taken and not taken; max and min with ∞; ∞·0 in the products
        points.add(new Point("with ∞", with(r.doubles(m, -2, 2).toArray(), m, m / 2, Double.POSITIVE_INFINITY)));
        // a NaN input: a NaN condition where it is one, NaN branches elsewhere
        points.add(new Point("with NaN", with(r.doubles(m, -2, 2).toArray(), m, m / 3, Double.NaN)));
        // squares overflow in branches taken and not taken
        points.add(new Point("with 1e300", with(r.doubles(m, -2, 2).toArray(), 5, 1, 1e300)));
        return points;
    }

    /** {@return {@code x} with {@code value} at every index from {@code from} in steps of {@code step}} */
    private static double[] with(double[] x, int step, int from, double value) {
        for (int i = from; i < x.length; i += step) {
            x[i] = value;
        }
        return x;
    }

    private static final double[] SPECIAL = {Double.POSITIVE_INFINITY, Double.NaN, 1e300, 0x1p1000};

    /** A direction and what it is for. */
    private record Direction(String what, double[] v) {}

    /**
     * {@return two directions for the {@code k}-th point}: random with every third component 0 (terms
     * the direction leaves constant: tangents and the sign of their zeros), and random with one
     * infinite, NaN or huge component (the kernels' fallbacks to exact sweeps)
     */
    private static List<Direction> directions(int k, int m, Random r) {
        double[] sparse = with(r.doubles(m, -1, 1).toArray(), 3, k % 3, 0);
        double[] special = r.doubles(m, -1, 1).toArray();
        int at = (k * 7) % m;
        special[at] = SPECIAL[k % SPECIAL.length];
        return List.of(new Direction("along a direction with zeros", sparse),
                new Direction("along a direction with " + special[at] + " at " + at, special));
    }

    /** {@return the engine of {@code p} with its loops, and the rest compiled now (segments, and whole where it fits)} */
    private static Engine compiled(Program p) {
        Engine e = new Engine(p, LoopPlan.withLoops(p), p.inputCount, true);
        e.compileNow();
        return e;
    }

    /** Asserts that the engine with loops and the compiled one agree with the interpreter at {@code points}. */
    private static void assertAgreeAt(Program p, List<Point> points, Random r, String what) {
        // one engine each for all points: their workspaces keep whatever earlier calls left in them
        Engine interpreted = interpreted(p);
        Engine looped = looped(p);
        Engine compiled = compiled(p);
        for (int k = 0; k < points.size(); k++) {
            Point point = points.get(k);
            for (Direction direction : directions(k, p.inputCount, r)) {
                String at = what + " " + point.what() + " " + direction.what();
                assertAgree(looped, interpreted, point.x(), direction.v(), at + ", with loops");
                assertAgree(compiled, interpreted, point.x(), direction.v(), at + ", compiled");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Shape.class)
    void branchyTermsAgreeToTheBit(Shape shape) {
        for (int n : SIZES) {
            Program p = shape.program(n);
            Random r = new Random(31L * shape.ordinal() + n);
            assertAgreeAt(p, points(p.inputCount, r), r, shape + " of " + n + " terms");
        }
    }

    /**
     * The edge points reach what they are chosen for, in the interpreter: a branch not taken that is
     * infinite leaves the gradient finite, and a NaN condition makes the value NaN. Otherwise the
     * agreement at those points would check less than it claims.
     */
    @Test
    void edgePointsReachWhatTheyAreFor() {
        int n = 8;
        double[] zeros = with(new Random(1).doubles(n + 1, 0.5, 2).toArray(), 2, 0, 0.0);
        for (Shape shape : new Shape[] {Shape.GUARDED_LOG, Shape.GUARDED_DIVISION}) {
            Program p = shape.program(n);
            Engine interpreted = interpreted(p);
            double[] g = new double[n + 1];
            double value = interpreted.gradient(zeros, NO_PARAMETERS, g, true);
            assertTrue(Double.isFinite(value), shape + ": value " + value);
            assertTrue(Arrays.stream(g).allMatch(Double::isFinite), shape + ": gradient " + Arrays.toString(g));
        }
        double[] negatives = with(new Random(2).doubles(n + 1, 0.5, 2).toArray(), 3, 0, -1);
        assertTrue(Double.isNaN(interpreted(Shape.LOG_CONDITION.program(n)).value(negatives, NO_PARAMETERS)), "ln(-1) as a condition");
        assertTrue(Double.isNaN(interpreted(Shape.QUOTIENT_CONDITION.program(n)).value(new double[n + 1], NO_PARAMETERS)),
                "0/0 as a condition");
        double[] g = new double[n + 1];
        interpreted(Shape.NESTED.program(n)).gradient(negatives, NO_PARAMETERS, g, false);
        assertTrue(Arrays.stream(g).allMatch(Double::isFinite), "√-1 not taken: " + Arrays.toString(g));
    }

    // ---- coverage: these fail where branches are left to the interpreter ----

    private static final Pattern BETWEEN_LOOPS = Pattern.compile("run by generated kernels, (\\d+) nodes interpreted");
    private static final Pattern COMPILED = Pattern.compile(
            "compiled: \\d+ segments? of straight-line code and the loops \\(\\d+ nodes\\), (\\d+) nodes interpreted");

    /** {@return the nodes {@code e} interprets between its loops, as {@link Engine#describe()} says}: all of them without loops */
    private static int interpretedBetweenLoops(Engine e) {
        String d = e.describe();
        Matcher m = BETWEEN_LOOPS.matcher(d);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        assertTrue(d.contains("no loops"), () -> "expected loops or none in " + d);
        return e.program().size - e.program().inputCount;
    }

    /** {@return the nodes {@code e} interprets once compiled, as {@link Engine#describe()} says} */
    private static int interpretedWhenCompiled(Engine e) {
        String d = e.describe();
        Matcher m = COMPILED.matcher(d);
        assertTrue(m.find(), () -> "expected a compiled plan in " + d);
        return Integer.parseInt(m.group(1));
    }

    /**
     * Huber's loss runs as a loop: at n = 200 all but the first term (where the shared constants
     * first appear) and a repetition's worth of nodes at most; compiled, nearly nothing is left to
     * the interpreter; at n = 10 (ten repetitions, about 100 nodes, still a loop) the whole program
     * is one method for the value and one for the gradient.
     */
    @Test
    void branchesRunInKernels() {
        Program large = Shape.HUBER.program(200);
        Engine looped = looped(large);
        int between = interpretedBetweenLoops(looped);
        assertTrue(between <= 16, "Huber of 200 terms: expected at most 16 nodes interpreted, got " + between + ": " + looped.describe());
        Engine compiledLarge = compiled(large);
        int compiledRest = interpretedWhenCompiled(compiledLarge);
        assertTrue(compiledRest <= 10, "Huber of 200 terms compiled: expected at most 10 nodes interpreted, got " + compiledRest
                + ": " + compiledLarge.describe());

        Program small = Shape.HUBER.program(10);
        assertNotNull(LoopPlan.wholeKernel(small, small.inputCount), "Huber of 10 terms should compile whole");
        Engine compiledSmall = compiled(small);
        String d = compiledSmall.describe();
        assertTrue(d.contains("value and gradient compiled whole"), d);
        int smallRest = interpretedWhenCompiled(compiledSmall);
        assertTrue(smallRest <= 10, "Huber of 10 terms compiled: expected at most 10 nodes interpreted, got " + smallRest + ": " + d);
    }

    /**
     * Every {@link Shape} runs most of its nodes in loops at 33 and 200 terms, the recurrence's carried
     * condition included (at 8 terms some have fewer than the 32 nodes a loop needs).
     */
    @Test
    void everyShapeOfBranchRunsAsALoop() {
        List<String> without = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (int n : new int[] {33, 200}) {
                Program p = shape.program(n);
                LoopPlan plan = LoopPlan.withLoops(p);
                // most nodes, not only some comparisons between the branches
                if (plan.loopNodes() < (p.size - p.inputCount) / 2) {
                    without.add(shape + " of " + n + " terms (" + plan.loopNodes() + " of " + (p.size - p.inputCount) + " nodes in loops)");
                }
            }
        }
        assertTrue(without.isEmpty(), "expected most nodes in loops, but not in: " + without);
    }

    /**
     * Random repeated programs with branches mostly run loops, and random programs with branches
     * compiled run nearly every branch in a segment ({@link LoopPlan#withSegments}).
     */
    @Test
    void randomProgramsWithBranchesRunInKernels() {
        int programs = 120;
        int looping = 0;
        for (int seed = 0; seed < programs; seed++) {
            BranchyTemplate t = new BranchyTemplate(seed);
            Program p = t.program(8 + seed % 33, seed % 2 == 0);
            looping += LoopPlan.withLoops(p).loops() > 0 ? 1 : 0;
        }
        assertTrue(looping >= programs * 3 / 4, "expected most repeated programs with branches to run loops; found " + looping
                + " of " + programs);

        Random r = new Random(20261202);
        int branches = 0;
        int compiled = 0;
        for (int seed = 0; seed < 40; seed++) {
            List<Variable> x = variables(2 + seed % 6);
            Program p = Program.compile(List.of(randomDag(r, x, 20 + seed * 3)), x);
            LoopPlan plan = LoopPlan.withSegments(p);
            for (int i = p.inputCount; i < p.size; i++) {
                if (p.third[i] >= 0) {
                    branches++;
                    compiled += inRegion(plan, i) ? 1 : 0;
                }
            }
        }
        assertTrue(branches > 100, "the random programs should hold branches; found " + branches);
        assertTrue(compiled >= branches * 9 / 10, "expected nearly every branch compiled; found " + compiled + " of " + branches);
    }

    /** {@return whether node {@code i} is in one of {@code plan}'s loops or segments} */
    private static boolean inRegion(LoopPlan plan, int i) {
        for (int q = 0; q < plan.loops(); q++) {
            if (plan.loopStart(q) <= i && i < plan.loopEnd(q)) {
                return true;
            }
        }
        return false;
    }

    // ---- random programs ----

    /**
     * A random term of a few steps with at least one branch, applied for i = 0 … reps − 1: the terms
     * summed, or each reading the previous one's result (carried through tanh, so that forty
     * repetitions stay finite). A step reads x_i, x_{i+1}, a constant all repetitions share, one of
     * its repetition's own, the carried value (x_{i+2} in a sum) or an earlier step; a branch's
     * condition is one of those, a comparison of two of them, or a comparison with a constant.
     */
    private static final class BranchyTemplate {
        private static final int OPS = 15; // 12, 13 and 14 are branches
        private final int[][] steps; // per step: op, the sources of a, b and the condition, the condition's form, a comparison

        BranchyTemplate(long seed) {
            Random r = new Random(seed);
            int n = 2 + r.nextInt(6);
            steps = new int[n][6];
            for (int k = 0; k < n; k++) {
                steps[k][0] = r.nextInt(OPS);
                for (int o = 1; o <= 3; o++) {
                    steps[k][o] = k > 0 && r.nextInt(3) == 0 ? SOURCES + r.nextInt(k) : r.nextInt(SOURCES);
                }
                steps[k][4] = r.nextInt(3);
                steps[k][5] = r.nextInt(4);
            }
            // the term ends in a branch between the step before and x_i, so that it holds a branch
            // and every repetition reads its own input (repetitions neither fold away nor merge)
            int last = n - 1;
            steps[last][0] = 12;
            steps[last][1] = SOURCES + last - 1;
            steps[last][2] = 0;
        }

        private static final int SOURCES = 5; // x_i, x_{i+1}, the shared constant, the repetition's constant, the carried value

        /** {@return the inputs a program of {@code reps} repetitions reads} */
        static int inputCount(int reps) {
            return reps + 2;
        }

        Program program(int reps, boolean carried) {
            List<Variable> x = variables(inputCount(reps));
            return Program.compile(List.of(expression(x, reps, carried)), x);
        }

        Expr expression(List<Variable> x, int reps, boolean carried) {
            Expr carry = x.get(0).sin();
            Expr sum = null;
            for (int i = 0; i < reps; i++) {
                List<Expr> done = new ArrayList<>();
                for (int[] step : steps) {
                    Expr a = source(step[1], x, i, carried ? carry : x.get(i + 2), done);
                    Expr b = source(step[2], x, i, carried ? carry : x.get(i + 2), done);
                    Expr c = source(step[3], x, i, carried ? carry : x.get(i + 2), done);
                    done.add(step(step[0], a, b, c, step[4], step[5]));
                }
                Expr result = done.get(done.size() - 1);
                carry = result.tanh();
                sum = sum == null ? result : sum.plus(result);
            }
            return sum;
        }

        private static Expr source(int s, List<Variable> x, int i, Expr carried, List<Expr> done) {
            return switch (s) {
                case 0 -> x.get(i);
                case 1 -> x.get(i + 1);
                case 2 -> Expr.constant(0.75);
                case 3 -> Expr.constant(1 + i / 64.0);
                case 4 -> carried;
                default -> done.get(s - SOURCES);
            };
        }

        private static Expr step(int op, Expr a, Expr b, Expr c, int form, int comparison) {
            return switch (op) {
                case 0 -> a.plus(b);
                case 1 -> a.minus(b);
                case 2 -> a.times(b);
                case 3 -> a.div(b);
                case 4 -> a.max(b);
                case 5 -> a.min(b);
                case 6 -> a.sin();
                case 7 -> a.tanh();
                case 8 -> a.log();
                case 9 -> a.sqrt();
                case 10 -> a.abs();
                case 11 -> a.square();
                default -> condition(c, b, form, comparison).ifElse(a, b);
            };
        }
    }

    /** {@return {@code c} itself, {@code c} compared with {@code other}, or {@code c} compared with a constant, as {@code form} says} */
    private static Expr condition(Expr c, Expr other, int form, int comparison) {
        if (form == 0) {
            return c;
        }
        Expr d = form == 1 ? other : Expr.constant(0.25);
        return switch (comparison) {
            case 0 -> c.lessThan(d);
            case 1 -> c.lessOrEqual(d);
            case 2 -> c.greaterThan(d);
            default -> c.greaterOrEqual(d);
        };
    }

    @Test
    void repeatedProgramsWithBranchesAgreeToTheBit() {
        Random r = new Random(20261203);
        for (int seed = 0; seed < 120; seed++) {
            BranchyTemplate t = new BranchyTemplate(seed);
            int reps = 8 + seed % 33;
            boolean carried = seed % 2 == 0;
            Program p = t.program(reps, carried);
            List<Point> all = points(p.inputCount, r);
            // the random point, zeros, -0, negatives: where branches switch and branches not taken blow up
            List<Point> some = List.of(all.get(0), all.get(2), all.get(4), all.get(5), all.get(8 + seed % 3));
            assertAgreeAt(p, some, r, "seed " + seed + (carried ? ", carried" : ", summed"));
        }
    }

    /**
     * {@return a random expression DAG of about {@code size} operations over {@code x}}:
     * KernelAgreementTest's DAGs, with branches whose conditions are pool nodes, comparisons of two
     * pool nodes or comparisons with a constant
     */
    private static Expr randomDag(Random r, List<Variable> x, int size) {
        return KernelAgreementTest.randomDag(r, x, size, (random, pool, a, b) -> {
            Expr c = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 12)));
            return condition(c, pool.get(random.nextInt(pool.size())), random.nextInt(3), random.nextInt(4)).ifElse(a, b);
        });
    }

    @Test
    void programsWithBranchesCompiledInSegmentsAgreeToTheBit() {
        Random r = new Random(20261130);
        for (int seed = 0; seed < 120; seed++) {
            List<Variable> x = variables(2 + seed % 6);
            Program p = Program.compile(List.of(randomDag(r, x, 20 + seed * 3)), x);
            Engine compiled = compiled(p);
            Engine interpreted = interpreted(p);
            double[] point = r.doubles(x.size(), 0.2, 1.8).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(compiled, interpreted, point, direction, "seed " + seed);
            // a zero input: conditions exactly 0, ln 0 and 1/0 in branches taken and not
            double[] zeros = point.clone();
            zeros[0] = seed % 3 == 0 ? -0.0 : 0;
            assertAgree(compiled, interpreted, zeros, direction, "seed " + seed + " with a zero");
            double[] edge = point.clone();
            edge[edge.length - 1] = seed % 2 == 0 ? Double.POSITIVE_INFINITY : 1e300;
            assertAgree(compiled, interpreted, edge, direction, "seed " + seed + " at an edge");
        }
    }
}
