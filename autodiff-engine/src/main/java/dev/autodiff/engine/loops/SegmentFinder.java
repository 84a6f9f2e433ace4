package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * The straight-line parts of a program, cut into segments that the code generator compiles like a
 * loop body run once: every node between the loops that the kernels can run (not a custom operation,
 * whose rules are the user's), in runs of at most
 * {@code maxLength} nodes. A segment's operands outside it are external operands of stride 0, so its
 * kernel keeps every value, partial and adjoint of the run in local variables and touches the sweeps'
 * arrays only for what crosses its boundary. Runs shorter than {@link #MIN_LENGTH} stay interpreted:
 * a kernel call costs more than interpreting a few nodes.
 */
final class SegmentFinder {
    /** Fewest nodes worth a segment. */
    static final int MIN_LENGTH = 8;

    private SegmentFinder() {}

    /**
     * {@return the segments of {@code p} outside the loops {@code loops} (in program order, not
     * overlapping), each at most {@code maxLength} nodes}, in program order
     */
    static List<LoopFinder.Found> find(Program p, List<LoopFinder.Found> loops, int maxLength) {
        List<LoopFinder.Found> segments = new ArrayList<>();
        int from = p.inputCount;
        for (LoopFinder.Found f : loops) {
            gap(p, from, f.start(), maxLength, segments);
            from = f.start() + f.reps() * f.period();
        }
        gap(p, from, p.size, maxLength, segments);
        return segments;
    }

    /** Cuts the eligible runs of {@code [from, to)} into segments. */
    private static void gap(Program p, int from, int to, int maxLength, List<LoopFinder.Found> out) {
        int start = from;
        for (int i = from; i <= to; i++) {
            boolean eligible = i < to && eligible(p, i);
            if (!eligible || i - start == maxLength) {
                if (i - start >= MIN_LENGTH) {
                    out.add(segment(p, start, i - start));
                }
                start = eligible ? i : i + 1;
            }
        }
    }

    private static boolean eligible(Program p, int i) {
        return p.code[i] != Program.CUSTOM;
    }

    /** {@return nodes {@code [start, start + length)} as a loop of one repetition} */
    static LoopFinder.Found segment(Program p, int start, int length) {
        int[] kind = new int[2 * length];
        int[] ref = new int[2 * length];
        int[] conditionKind = new int[length];
        int[] conditionRef = new int[length];
        List<Integer> bases = new ArrayList<>();
        java.util.Map<Integer, Integer> external = new java.util.HashMap<>();
        for (int k = 0; k < length; k++) {
            int node = start + k;
            int[] operands = {p.left[node], p.right[node], p.third[node]};
            for (int o = 0; o < 3; o++) {
                // operands 0 and 1 at 2k + o of kind and ref, the condition at k of conditionKind and conditionRef
                int[] kinds = o < 2 ? kind : conditionKind;
                int[] refs = o < 2 ? ref : conditionRef;
                int at = o < 2 ? 2 * k + o : k;
                int x = operands[o];
                if (x < 0) {
                    kinds[at] = LoopShape.NONE;
                } else if (x >= start) {
                    kinds[at] = LoopShape.LOCAL;
                    refs[at] = x - start;
                } else {
                    kinds[at] = LoopShape.EXTERNAL;
                    refs[at] = external.computeIfAbsent(x, n -> {
                        bases.add(n);
                        return bases.size() - 1;
                    });
                }
            }
        }
        int e = bases.size();
        int[] base = new int[e];
        boolean[] constant = new boolean[e];
        int[] handoff = new int[e];
        for (int j = 0; j < e; j++) {
            base[j] = bases.get(j);
            constant[j] = p.code[base[j]] == Program.CONSTANT;
            handoff[j] = -1;
        }
        // each external operand reads its own node, once: they are distinct
        return new LoopFinder.Found(start, length, 1, kind, ref, new int[e], base, constant, true, handoff, conditionKind,
                conditionRef);
    }
}
