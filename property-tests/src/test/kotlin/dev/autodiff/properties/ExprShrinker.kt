package dev.autodiff.properties

import dev.autodiff.core.Expr
import io.kotest.property.Shrinker

/**
 * Shrinks a failing expression by replacing one node with one of its operands or with a constant
 * (1, or the node's own value at the point, which keeps every other node's value unchanged).
 * Every candidate has fewer distinct non-leaf nodes, so shrinking ends, and stays inside the
 * domain at the point, so a shrunk counterexample is still a legitimate input.
 */
object ExprShrinker : Shrinker<GeneratedExpr> {
    override fun shrink(value: GeneratedExpr): List<GeneratedExpr> {
        val root = value.expr
        val size = internalCount(root)
        val internal = postOrder(root).filter { !isLeaf(it) }.asReversed() // the root first
        val values = if (value.domain != null) value.reference().values else null
        val candidates = ArrayList<Expr>()
        candidates += children(root)
        for (node in internal) {
            for (c in children(node)) candidates += rebuild(root) { if (it === node) c else null }
            candidates += rebuild(root) { if (it === node) Expr.constant(1.0) else null }
            values?.let { v -> candidates += rebuild(root) { if (it === node) Expr.constant(v.getValue(node)) else null } }
        }
        return candidates
            .filter { internalCount(it) < size }
            .distinct()
            .map { value.with(it) }
            .filter { it.isValidAt(it.point) }
    }
}
