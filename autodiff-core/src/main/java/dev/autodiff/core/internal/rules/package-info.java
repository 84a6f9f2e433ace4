/**
 * The rules of the primitive operations, one object per primitive for every order: value, first and
 * second partials, generic partials, Taylor recurrence and structural traits. Not part of the API:
 * exported only to the modules of this project, and may change in any release.
 *
 * <h2>Where a primitive's rules are</h2>
 * Each {@link dev.autodiff.core.Primitive} has one <i>entry</i>: a public final class extending
 * {@link Rule}, nested in the file of its family, whose one instance is its {@code public static
 * final RULE} field ({@code Trigonometric.Sin.RULE}). The families: {@code Arithmetic} (+ - · /
 * neg), {@code Powers} (pow, constant powers, sqrt, cbrt, hypot), {@code ExpLog},
 * {@code Trigonometric}, {@code Hyperbolic}, {@code Special} (sigmoid, softplus, erf, erfc, lgamma,
 * polygamma) and {@code Piecewise} (abs, max, min, the comparisons {@code Less},
 * {@code LessOrEqual}, {@code Greater}, {@code GreaterOrEqual}, and ifElse). An entry holds, side by
 * side and with one signature for every primitive:
 * <ul>
 *   <li>its traits, passed to {@link Rule}'s constructor: its {@link Structure} (which partials may
 *       be non-zero) and how Taylor mode forms its first coefficients, declared once; the sparsity
 *       analysis, the loop planner and Taylor mode derive what they need from them, never from a
 *       list of primitives;</li>
 *   <li>{@link Rule#value}: the primitive itself;</li>
 *   <li>{@link Rule#apply}: value, first and (scaled, see {@link Partials}) second partials over
 *       doubles, the hot path of every sweep, of the generated kernels, the numeric duals and tapes;
 *       the second partials only where asked, when they cost more than arithmetic;</li>
 *   <li>{@code partials}: the first partials over any {@link dev.autodiff.core.Scalar}
 *       ({@link Rule#scalar}), for symbolic derivatives, nested tapes and nested duals; where its
 *       form must differ from the numeric one (a formula switched for speed or far-tail accuracy),
 *       the entry says why;</li>
 *   <li>{@code series}: its Taylor recurrence, coefficients {@code from} … d; none for a locally
 *       linear primitive ({@link Structure#isLocallyLinear}), whose series {@link Rule} derives.</li>
 * </ul>
 * {@link Rules#rule} is the one mapping from op codes to entries, filled once from an exhaustive
 * switch; {@link Rules} (value, partials, the overflow-safe chain product), {@link ScalarRules},
 * {@link TaylorRules}, {@link Structure} and the traits all read it. Generated code calls an entry's
 * {@code RULE} directly: the class is final, so the call binds to the one rule and the JIT inlines it.
 *
 * <h2>Adding a primitive</h2>
 * Write its entry class in its family file, with its conventions at non-differentiable points, and
 * add one line to {@link Rules#rule}'s switch. The switch is exhaustive, so a primitive without an
 * entry does not compile; the compiler also names every method the entry lacks but its series,
 * which the locally linear need not write and any other entry's Taylor mode refuses without. The
 * rules tests iterate every primitive.
 */
@NullMarked
package dev.autodiff.core.internal.rules;

import org.jspecify.annotations.NullMarked;
