package dev.autodiff.properties

import dev.autodiff.core.Differentiable
import dev.autodiff.core.Expr
import dev.autodiff.core.SparseMatrix
import dev.autodiff.core.SparsityPattern
import dev.autodiff.core.VectorDifferentiable
import dev.autodiff.forward.Forward
import dev.autodiff.reverse.Reverse
import io.kotest.property.Arb
import io.kotest.property.arbitrary.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.abs
import kotlin.random.Random

/**
 * Sparse Hessians and Jacobians of random sparse programs: the pattern is exactly the structural
 * one an independent oracle derives ([SparsePrograms.hessianPattern]), it holds every numerically
 * non-zero entry of the dense matrix, and the sparse matrix equals the dense one, in both modes.
 */
class SparsePropertyTest {

    private fun stored(p: SparsityPattern): Set<Pair<Int, Int>> {
        val out = HashSet<Pair<Int, Int>>()
        for (i in 0 until p.rows()) for (k in p.rowStart(i) until p.rowStart(i + 1)) out += i to p.columnAt(k)
        return out
    }

    /**
     * Sparse entries are read from products that sum the same local partials as the dense matrix in
     * another order, so they agree to rounding: [AD_RELATIVE] of the matrix's largest entry.
     */
    private fun assertSparseEqualsDense(sparse: SparseMatrix, dense: Array<DoubleArray>, pattern: SparsityPattern, what: String, case: Any) {
        val scale = scaleOf(*dense)
        for (i in dense.indices) for (j in dense[i].indices) {
            assertTrue(dense[i][j] == 0.0 || pattern.isStored(i, j)) { "$what: dense entry ($i, $j) = ${dense[i][j]} is not in the pattern for $case" }
            assertEquals(pattern.isStored(i, j), sparse.isStored(i, j), "$what: ($i, $j) stored")
            assertTrue(abs(sparse.get(i, j) - dense[i][j]) <= AD_RELATIVE * scale) {
                "$what: ($i, $j) sparse ${sparse.get(i, j)} dense ${dense[i][j]} for $case"
            }
        }
    }

    @Test
    fun sparseHessianIsTheDenseOneOnExactlyTheStructuralPattern() {
        val passed = Properties.check("sparse Hessian = dense, pattern = structural", 300, SparsePrograms.programs) { p ->
            val structural = SparsePrograms.hessianPattern(p.sum, p.variables)
            val results = ArrayList<SparseMatrix>()
            for (f in listOf<Differentiable>(Forward.of(p.sum, p.variables), Reverse.of(p.sum, p.variables))) {
                val pattern = f.hessianSparsity()
                assertEquals(structural, stored(pattern), "pattern of $f for $p")
                val sparse = f.sparseHessian(*p.point)
                assertSparseEqualsDense(sparse, f.hessian(*p.point), pattern, "Hessian of $f", p)
                results += sparse
            }
            val scale = scaleOf(*results[0].toDense())
            for (k in 0 until results[0].nonZeros()) {
                assertTrue(abs(results[0].valueAt(k) - results[1].valueAt(k)) <= AD_RELATIVE * scale) { "forward vs reverse entry $k for $p" }
            }
        }
        assertEquals(300, passed)
    }

    @Test
    fun sparseJacobianIsTheDenseOneOnExactlyTheStructuralPattern() {
        val passed = Properties.check("sparse Jacobian = dense, pattern = structural", 300, SparsePrograms.programs, Arb.long()) { p, seed ->
            // outputs: each term, and sums of two, so rows overlap as a residual's do
            val random = Random(seed)
            val outputs: List<Expr> = p.terms + List(random.nextInt(0, 4)) { p.terms.random(random).plus(p.terms.random(random)) }
            for (m in listOf<VectorDifferentiable>(Forward.of(outputs, p.variables), Reverse.of(outputs, p.variables))) {
                val pattern = m.jacobianSparsity()
                val structural = outputs.flatMapIndexed { r, e -> SparsePrograms.dependence(e, p.variables).map { r to it } }.toSet()
                assertEquals(structural, stored(pattern), "pattern of $m for $p")
                assertSparseEqualsDense(m.sparseJacobian(*p.point), m.jacobian(*p.point), pattern, "Jacobian of $m", p)
            }
        }
        assertEquals(300, passed)
    }
}
