package dev.autodiff.core.internal.graph;

import static dev.autodiff.core.internal.graph.Traversal.MAX_ARITY;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Unary;
import java.util.Arrays;
import java.util.List;

/**
 * The walk behind {@link Traversal#order}: a node is marked when it is first popped, and pushed back
 * beneath its operands, to be given its position when it comes up again, after them, and read
 * their positions.
 *
 * <p>Each pop is a call of {@link #step}, a method the JIT compiles after a few hundred nodes, as
 * {@code NodeWalk} and {@code ValueWalk} do. As one large loop, the walk ran its first 60000 pops in
 * the interpreter (where the JIT starts compiling a loop), and the JIT compiled the whole loop three
 * times in a cold {@code Reverse.of} of 10⁶ nodes, throwing away each time code made for what a long
 * sum's left spine, the first 2·10⁵ nodes the walk meets, had shown it: sums alone, all new. It
 * still recompiles {@code step} for that, but a step is compiled in tens of milliseconds, and runs
 * in C1 code meanwhile. A first {@code Traversal.order} of 10⁶ nodes in a fresh JVM: 170 against
 * 206 ms as the loop (medians of 8); warm, 78 against 91 ms, as a node's kind is tested once when it
 * is opened and once when it is finished, where the loop tested it four times.
 */
final class OrderWalk {
    /**
     * Nodes per chunk of an order's nodes. Chunks, not one array: a chunk is small enough to be
     * allocated among young objects, so storing a node in it passes the collector's write barrier
     * at once, where a store into a large array (allocated old) of a young node costs a fence; and
     * nothing is copied as the order grows.
     */
    static final int CHUNK_BITS = 12;
    static final int CHUNK = 1 << CHUNK_BITS;

    private final NodeIntMap seen;
    private Expr[][] chunks = new Expr[16][];
    private Expr[] chunk;
    /** The positions of the operands of node k at 3k, 3k+1, 3k+2. */
    private int[] operands = new int[MAX_ARITY * CHUNK];
    private int count;
    private Expr[] stack;
    /** Whether the node at this height of the stack has its operands done. */
    private boolean[] done;
    private int top;

    private OrderWalk(List<? extends Expr> roots) {
        seen = NodeIntMap.under(roots);
        stack = new Expr[Math.max(64, roots.size() + 1)];
        done = new boolean[stack.length];
        for (int r = roots.size() - 1; r >= 0; r--) {
            stack[top++] = roots.get(r);
        }
    }

    /** {@return the post-order of {@code roots} with positions}, as {@link Traversal#order} documents it */
    static Traversal.Order order(List<? extends Expr> roots) {
        OrderWalk w = new OrderWalk(roots);
        while (w.top > 0) {
            w.step(); // each pop in a call of its own: see the class comment
        }
        return new Traversal.Order(w.chunks, w.count, w.seen, w.operands);
    }

    /** Pops a node: opens it if it is new, finishes it if its operands are done. */
    private void step() {
        int at = --top;
        Expr e = stack[at];
        if (done[at]) {
            finish(e);
        } else if (seen.add(e)) {
            open(e);
        }
    }

    /** Pushes {@code e} back, to be finished, beneath its operands, the first on top. */
    private void open(Expr e) {
        if (top + 1 + MAX_ARITY > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
            done = Arrays.copyOf(done, stack.length);
        }
        stack[top] = e;
        done[top++] = true;
        if (e instanceof Binary b) {
            push(b.right());
            push(b.left());
        } else if (e instanceof Unary u) {
            push(u.operand());
        } else if (e instanceof Call c) {
            push(c.argument());
        } else if (e instanceof IfElse f) {
            push(f.whenFalse());
            push(f.whenTrue());
            push(f.condition());
        }
    }

    /** Pushes operand {@code e}, to be opened; room for it is there. */
    private void push(Expr e) {
        stack[top] = e;
        done[top++] = false;
    }

    /** Gives {@code e} the next position, its operands' positions read, and files it. */
    private void finish(Expr e) {
        if ((count & CHUNK - 1) == 0) {
            newChunk();
        }
        int at = MAX_ARITY * count;
        if (e instanceof Binary b) {
            operands[at] = seen.get(b.left());
            operands[at + 1] = seen.get(b.right());
        } else if (e instanceof Unary u) {
            operands[at] = seen.get(u.operand());
        } else if (e instanceof Call c) {
            operands[at] = seen.get(c.argument());
        } else if (e instanceof IfElse f) {
            operands[at] = seen.get(f.condition());
            operands[at + 1] = seen.get(f.whenTrue());
            operands[at + 2] = seen.get(f.whenFalse());
        }
        seen.put(e, count);
        chunk[count++ & CHUNK - 1] = e;
    }

    /** Starts the chunk of node {@link #count}, with room for its chunk's operands. */
    private void newChunk() {
        if (count >> CHUNK_BITS == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        chunk = new Expr[CHUNK];
        chunks[count >> CHUNK_BITS] = chunk;
        if (MAX_ARITY * (count + CHUNK) > operands.length) {
            operands = Arrays.copyOf(operands, 2 * operands.length);
        }
    }
}
