package dev.autodiff.properties

import dev.autodiff.core.Binary
import dev.autodiff.core.Call
import dev.autodiff.core.Constant
import dev.autodiff.core.Expr
import dev.autodiff.core.IfElse
import dev.autodiff.core.Unary
import dev.autodiff.core.Variable
import java.util.IdentityHashMap

// Graph helpers written in the test, independent of core's internal Traversal.

/** Returns the operands of [e]: none for leaves. */
fun children(e: Expr): List<Expr> = when (e) {
    is Unary -> listOf(e.operand())
    is Binary -> listOf(e.left(), e.right())
    is Call -> listOf(e.argument())
    is IfElse -> listOf(e.condition(), e.whenTrue(), e.whenFalse())
    is Constant, is Variable -> emptyList()
}

/** Returns whether [e] is a constant or a variable. */
fun isLeaf(e: Expr): Boolean = e is Constant || e is Variable

/** Returns the distinct nodes (by identity) of [root], children before parents; iterative. */
fun postOrder(root: Expr): List<Expr> {
    val order = ArrayList<Expr>()
    val seen = IdentityHashMap<Expr, Boolean>()
    val stack = ArrayDeque<Pair<Expr, Boolean>>()
    stack.addLast(root to false)
    while (stack.isNotEmpty()) {
        val (e, expanded) = stack.removeLast()
        if (expanded) {
            order += e
            continue
        }
        if (seen.put(e, true) != null) continue
        stack.addLast(e to true)
        for (c in children(e).asReversed()) if (!seen.containsKey(c)) stack.addLast(c to false)
    }
    return order
}

/** Returns the number of distinct (by identity) non-leaf nodes: the size that shrinking lowers. */
fun internalCount(root: Expr): Int = postOrder(root).count { !isLeaf(it) }

/** Returns whether some non-leaf node of [root] is an operand of two or more parents (by identity). */
fun hasSharedSubexpression(root: Expr): Boolean {
    val uses = IdentityHashMap<Expr, Int>()
    for (e in postOrder(root)) for (c in children(e)) if (!isLeaf(c)) uses.merge(c, 1, Int::plus)
    return uses.values.any { it > 1 }
}

/** Returns [e] with the same primitive (or operation) applied to new operands. */
fun withChildren(e: Expr, operands: List<Expr>): Expr = when (e) {
    is Unary -> Unary.of(e.op(), operands[0])
    is Binary -> Binary.of(e.op(), operands[0], operands[1])
    is Call -> e.operation().invoke(operands[0])
    is IfElse -> Expr.ifElse(operands[0], operands[1], operands[2])
    is Constant, is Variable -> e
}

/**
 * Returns [root] with every node for which [replace] gives a replacement replaced, rebuilding its
 * ancestors once each so that shared subexpressions stay shared; nodes whose operands are
 * unchanged are kept as they are. With [fresh], every non-leaf node is rebuilt as a new object.
 */
fun rebuild(root: Expr, fresh: Boolean = false, replace: (Expr) -> Expr?): Expr {
    val image = IdentityHashMap<Expr, Expr>()
    for (e in postOrder(root)) {
        val replaced = replace(e)
        image[e] = when {
            replaced != null -> replaced
            isLeaf(e) -> e
            else -> {
                val old = children(e)
                val new = old.map { image.getValue(it) }
                if (!fresh && new.indices.all { new[it] === old[it] }) e else withChildren(e, new)
            }
        }
    }
    return image.getValue(root)
}

/** Returns a copy of [root] as a tree: every use of a shared node becomes its own copy. */
fun unshare(root: Expr): Expr {
    // Small generated expressions only: the tree can be exponentially larger than the DAG, and this
    // recursion follows the depth, which the generators keep below a few dozen.
    return if (isLeaf(root)) root else withChildren(root, children(root).map { unshare(it) })
}
