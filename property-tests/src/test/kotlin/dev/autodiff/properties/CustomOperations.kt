package dev.autodiff.properties

import dev.autodiff.core.CustomOperation
import kotlin.math.abs
import kotlin.math.exp
import kotlin.math.ln1p
import kotlin.math.max

/**
 * The custom operations the generators use, with closed-form derivatives written here: numeric
 * rules for the compiled modes and derivative expressions for symbolic differentiation (gauss's
 * calls itself, which differentiates again with the same rule).
 */
object CustomOperations {
    private fun logistic(x: Double) = 1 / (1 + exp(-x))

    /** softplus(x) = ln(1 + eˣ), computed without overflow; first and second derivatives only. */
    val softplus: CustomOperation = CustomOperation.of(
        "smoothRelu", { x -> max(x, 0.0) + ln1p(exp(-abs(x))) }, { x, g -> g * logistic(x) },
    ).withSecondDerivative { x -> logistic(x) * (1 - logistic(x)) }
        // the logistic function in the form that overflows on neither side: e^x / (1 + e^x) below 0
        .withSymbolicDerivative { x ->
            val e = x.abs().unaryMinus().exp()
            x.greaterOrEqual(0.0).ifElse(e.newConstant(1.0).div(e.plus(1.0)), e.div(e.plus(1.0)))
        }

    /** gauss(x) = e^(-x²); derivatives of every order by Hermite polynomials, (-1)ⁿ Hₙ(x) e^(-x²). */
    val gauss: CustomOperation = CustomOperation.of(
        "gauss", { x -> exp(-x * x) }, { x, g -> g * -2 * x * exp(-x * x) },
    ).withDerivatives { x, order ->
        // H₀ = 1, H₁ = 2x, Hₙ₊₁ = 2x Hₙ - 2n Hₙ₋₁
        val e = exp(-x * x)
        var previous = 1.0
        var current = 2 * x
        DoubleArray(order + 1) { n ->
            val h = when (n) {
                0 -> 1.0
                1 -> current
                else -> (2 * x * current - 2 * (n - 1) * previous).also { previous = current; current = it }
            }
            (if (n % 2 == 0) 1.0 else -1.0) * h * e
        }
    }.let { op -> op.withSymbolicDerivative { x -> x.times(-2.0).times(op.invoke(x)) } }

    /** cube(x) = x³; derivatives of every order. */
    val cube: CustomOperation = CustomOperation.of("cube", { x -> x * x * x }, { x, g -> g * 3 * x * x })
        .withDerivatives { x, order ->
            DoubleArray(order + 1) { n ->
                when (n) {
                    0 -> x * x * x
                    1 -> 3 * x * x
                    2 -> 6 * x
                    3 -> 6.0
                    else -> 0.0
                }
            }
        }
        .withSymbolicDerivative { x -> x.square().times(3.0) }

    /** All of them; parse with this list to read their calls back. */
    val all: List<CustomOperation> = listOf(softplus, gauss, cube)
}
