package dev.autodiff.engine.sparse;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Functions with known Hessian structure, each with the rule that says which entries it stores. */
final class Workloads {
    private Workloads() {}

    /** A function of n variables and the rule for its Hessian pattern. */
    record Workload(String name, List<Variable> x, Expr f, Structures.Rule rule) {
        double[] point(long seed) {
            Random rnd = new Random(seed);
            double[] p = new double[x.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = 2 * rnd.nextDouble() - 1;
            }
            return p;
        }

        @Override
        public String toString() {
            return name + " (n = " + x.size() + ")";
        }
    }

    private static Expr sum(List<Expr> terms) {
        Expr s = terms.get(0);
        for (int k = 1; k < terms.size(); k++) {
            s = s.plus(terms.get(k));
        }
        return s;
    }

    /** Chained Rosenbrock Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)²: tridiagonal. */
    static Workload rosenbrock(int n) {
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            Expr b = Expr.constant(1).minus(x.get(i));
            terms.add(a.times(a).times(100).plus(b.times(b)));
        }
        return new Workload("Rosenbrock", x, sum(terms), (i, j) -> Math.abs(i - j) <= 1);
    }

    /** Σ_{i ≠ h} sin(x_h x_i) + x_i²/2: an arrowhead with hub h, diagonal included. */
    static Workload arrowhead(int n, int hub) {
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != hub) {
                terms.add(x.get(hub).times(x.get(i)).sin().plus(x.get(i).times(x.get(i)).times(0.5)));
            }
        }
        return new Workload("arrowhead, hub " + hub, x, sum(terms), (i, j) -> i == j || i == hub || j == hub);
    }

    /**
     * Σ_i log(1 + (Σ_{k ≤ b} c_k x_{i+k})²) over windows of b + 1 consecutive variables: a band of
     * half-bandwidth b, every entry of the band a sum of non-zero terms at a generic point.
     */
    static Workload banded(int n, int b) {
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i + b < n; i++) {
            Expr t = x.get(i);
            for (int k = 1; k <= b; k++) {
                t = t.plus(x.get(i + k).times(1 + 0.25 * k));
            }
            terms.add(t.times(t).plus(1).log());
        }
        return new Workload("band b = " + b, x, sum(terms), (i, j) -> Math.abs(i - j) <= b);
    }

    /** Σ over blocks of k consecutive variables of exp(Σ_{j ∈ block} w_j x_j): block diagonal. */
    static Workload blockDiagonal(int n, int k) {
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int start = 0; start < n; start += k) {
            Expr t = x.get(start).times(0.3);
            for (int j = start + 1; j < Math.min(n, start + k); j++) {
                t = t.plus(x.get(j).times(0.1 * (1 + j % 3)));
            }
            terms.add(t.exp());
        }
        return new Workload("blocks of " + k, x, sum(terms), (i, j) -> i / k == j / k);
    }

    /**
     * Σ_{i < n-2} (x_{i+1} − x_i²)² + Σ_{i < n-1} cos(x_i)·x_{n-1}: a band bordered by the last
     * variable, which appears only linearly in each product, so its diagonal entry is not stored.
     */
    static Workload borderedTridiagonal(int n) {
        List<Variable> x = Expr.variables("x", n);
        Variable last = x.get(n - 1);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i + 2 < n; i++) {
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            terms.add(a.times(a));
        }
        for (int i = 0; i + 1 < n; i++) {
            terms.add(x.get(i).cos().times(last));
        }
        return new Workload("bordered tridiagonal", x, sum(terms),
                (i, j) -> (i < n - 1 && j < n - 1 && Math.abs(i - j) <= 1) || (i == n - 1) != (j == n - 1));
    }
}
