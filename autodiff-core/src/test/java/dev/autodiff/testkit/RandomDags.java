package dev.autodiff.testkit;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random expression DAGs with heavy sharing, and balanced (pairwise) sums: the inputs of tests that
 * reorder programs. A few early nodes are hubs that many later nodes read, at every depth, so
 * adjoints are summed from many contributions in an order that a careless reorder would change;
 * other operands come from the last few nodes (long chains) or from anywhere.
 */
public final class RandomDags {
    private RandomDags() {}

    /** {@return {@code outputs} random nodes over {@code x} (their last ones, and a hub), from {@code size} steps} */
    public static List<Expr> outputs(long seed, List<? extends Expr> x, int size, int outputs) {
        Random r = new Random(seed);
        List<Expr> nodes = new ArrayList<>(x);
        nodes.add(Expr.constant(0.75));
        int hubs = nodes.size() + 3;
        for (int k = 0; k < size; k++) {
            Expr a = pick(r, nodes, hubs);
            Expr b = pick(r, nodes, hubs);
            nodes.add(op(r.nextInt(OPS), a, b));
        }
        List<Expr> out = new ArrayList<>();
        for (int o = 0; o + 1 < outputs; o++) {
            out.add(nodes.get(nodes.size() - 1 - o));
        }
        // the last output is read by others too (an output with users), or the sum of the last nodes
        Expr sum = nodes.get(nodes.size() - 1);
        for (int o = 2; o <= 4 && o < nodes.size(); o++) {
            sum = sum.plus(nodes.get(nodes.size() - o));
        }
        out.add(outputs > 1 ? nodes.get(Math.min(hubs, nodes.size() - 1)) : sum.plus(nodes.get(Math.min(hubs, nodes.size() - 1))));
        return out;
    }

    /** {@return one random node over {@code x} (see {@link #outputs})} */
    public static Expr dag(long seed, List<? extends Expr> x, int size) {
        return outputs(seed, x, size, 1).get(0);
    }

    private static Expr pick(Random r, List<Expr> nodes, int hubs) {
        int n = nodes.size();
        return switch (r.nextInt(4)) {
            case 0 -> nodes.get(r.nextInt(Math.min(hubs, n))); // a hub, or an input
            case 1, 2 -> nodes.get(Math.max(0, n - 1 - r.nextInt(4))); // a recent node: chains
            default -> nodes.get(r.nextInt(n));
        };
    }

    /** {@return the terms summed pairwise, level by level, an odd one out carried up} */
    public static Expr balancedSum(List<? extends Expr> terms) {
        List<Expr> level = new ArrayList<>(terms);
        while (level.size() > 1) {
            List<Expr> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(level.get(i).plus(level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    /** Number of operations {@link #op} draws from. */
    public static final int OPS = 16;

    /**
     * {@return operation {@code which} of a and b}: arithmetic, functions through the rule table,
     * kinks (max, abs), a branch, and an infinite partial at 0 ({@code sqrt|a|})
     */
    public static Expr op(int which, Expr a, Expr b) {
        return switch (which) {
            case 0 -> a.plus(b);
            case 1 -> a.minus(b);
            case 2 -> a.times(b);
            case 3 -> a.unaryMinus();
            case 4 -> a.square();
            case 5 -> a.sin();
            case 6 -> a.cos().times(b);
            case 7 -> a.tanh();
            case 8 -> a.div(b.square().plus(1));
            case 9 -> a.hypot(b);
            case 10 -> a.pow(3);
            case 11 -> a.max(b);
            case 12 -> a.abs().sqrt();
            case 13 -> Expr.ifElse(a.lessThan(b), a.times(b), a.minus(b));
            case 14 -> a.sigmoid();
            default -> a.times(0.5).plus(b.exp().log1p());
        };
    }
}
