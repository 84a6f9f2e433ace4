package dev.autodiff.properties

import dev.autodiff.core.CustomOperation
import dev.autodiff.core.Expr
import dev.autodiff.core.Primitive
import dev.autodiff.core.Variable
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * Kotlin sees core's API with its real nullness. Core's packages are JSpecify `@NullMarked`, and
 * Kotlin (since 2.1, `-Xjspecify-annotations=strict` by default) reads that: `Expr.plus` returns
 * `Expr`, not the platform type `Expr!`, and `variables()` returns `List<Variable>`, not
 * `(Mutable)List<Variable!>!`. So the declarations below need no `!!`, and the compiler rejects
 * `x.plus(null)` as an error instead of throwing at run time. (This build compiles with `-Werror`;
 * an unnecessary `!!` or `?.` on these values would be a warning and fail it.)
 *
 * Checked by hand with kotlinc 2.4.21 against core's classes: `x.plus(x)?.toString()` warns
 * "unnecessary safe call on a non-null receiver of type 'Expr'", `x.variables()?.size` warns the
 * same for `(Mutable)List<Variable>` (mutability stays flexible, nullness does not), and
 * `x.plus(null)` is the error "Null cannot be a value of a non-null type 'Expr'". With platform
 * types there would be neither.
 */
class KotlinNullnessTest {

    @Test
    fun coreReturnsNonNullTypesToKotlin() {
        val x: Variable = Expr.variable("x")
        val sum: Expr = Expr.variable("x").plus(x)
        val vars: List<Variable> = sum.variables()
        val first: Variable = vars[0]
        val name: String = first.name()
        val text: String = sum.toString()
        val parsed: Expr = Expr.parse(text)
        val op: CustomOperation = CustomOperation.of("twice", { a -> 2 * a }, { _, g -> 2 * g })
        val called: Expr = op(x)
        val symbol: String = Primitive.SIN.symbol()
        assertEquals("x", name)
        assertEquals(sum, parsed)
        assertEquals("twice(x)", called.toString())
        assertEquals("sin", symbol)
        // Expr.tryParse returns a vavr Try: the type argument is non-null too.
        val attempt: io.vavr.control.Try<Expr> = Expr.tryParse("x +")
        assertEquals(true, attempt.isFailure)
    }
}
