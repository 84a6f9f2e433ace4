/**
 * JMH benchmarks of automatic differentiation against its peers, and the generator of
 * {@code BENCHMARKS.md}.
 *
 * <p>Each workload ({@link dev.autodiff.bench.Rosenbrock}, {@link dev.autodiff.bench.LogSumExp},
 * {@link dev.autodiff.bench.Ackley}, {@link dev.autodiff.bench.Mlp}) is written four times: as plain
 * Java {@code double} code (the floor every ratio is taken against), as a hand-written analytic
 * gradient, generically over Hipparchus {@code CalculusFieldElement} (so one text serves
 * {@code DerivativeStructure} and {@code Gradient}), and as an {@code Expr} for our forward and
 * reverse modes. Benchmark classes ({@code *Bench}) measure them side by side in one run;
 * {@link dev.autodiff.bench.Report} runs the suite and writes the report with every figure as a
 * ratio to plain Java f of the same workload and size from the same run.
 *
 * <p>Workloads of other shapes are written as their benchmarks need them:
 * {@link dev.autodiff.bench.Logistic} (a likelihood over 10⁵ records, with its data as parameters),
 * {@link dev.autodiff.bench.RandomDag} (an irregular program whose plain Java f is generated source
 * compiled at run time), {@link dev.autodiff.bench.Residual} (a banded vector function for sparse
 * Jacobians). {@link dev.autodiff.bench.ColdStart} times a fresh JVM outside JMH. Every fork runs
 * with the heap of {@link dev.autodiff.bench.JvmFlags}.
 */
@NullMarked
package dev.autodiff.bench;

import org.jspecify.annotations.NullMarked;
