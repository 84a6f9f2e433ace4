// Chained Rosenbrock in C++, beside the Java benchmarks: plain f, hand-written gradient and
// directional derivative, Sacado's static-size forward mode (SFad<double, 1>) and templated reverse
// mode (Rad), and ADOL-C (taped on every call, as a numeric tape is, and a stored tape replayed).
// The same f, point and direction as dev.autodiff.bench.Rosenbrock (SplittableRandom, ported).
// Prints one line per measure: "peer <measure> <n> <median ns> <min ns> <max ns>".
// Built and run by ./run (needs g++, libtrilinos-sacado-dev and libadolc-dev).
#include <Sacado_Fad_SFad.hpp>  // only the headers used: Sacado.hpp pulls in all of Trilinos' configuration
#include <Sacado_trad.hpp>
#include <adolc/adolc.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace {

// java.util.SplittableRandom(seed).nextDouble(), as Seeded.uniform draws the point and direction
struct SplittableRandom {
    uint64_t seed;
    static constexpr uint64_t GAMMA = 0x9e3779b97f4a7c15ULL;
    explicit SplittableRandom(uint64_t s) : seed(s) {}
    static uint64_t mix64(uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double nextDouble() { return (double) (mix64(seed += GAMMA) >> 11) * 0x1.0p-53; }
};

std::vector<double> uniform(int n, double lo, double hi, uint64_t seed) {
    SplittableRandom r(seed);
    std::vector<double> out(n);
    for (int i = 0; i < n; i++) out[i] = lo + (hi - lo) * r.nextDouble();
    return out;
}

// f over any scalar type, the operations of Rosenbrock.value
template <class T> T rosenbrock(const T* x, int n) {
    T sum = 0.0;
    for (int i = 0; i < n - 1; i++) {
        T a = x[i + 1] - x[i] * x[i];
        T b = 1.0 - x[i];
        sum += 100.0 * (a * a) + b * b;
    }
    return sum;
}

// Rosenbrock.gradient, into g
void gradient(const double* x, int n, double* g) {
    std::fill(g, g + n, 0.0);
    for (int i = 0; i < n - 1; i++) {
        double a = x[i + 1] - x[i] * x[i];
        g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
        g[i + 1] += 200 * a;
    }
}

volatile double sink;

// per-call nanoseconds of `call`: batches of at least 20 ms after 0.3 s of warm-up, 11 batches;
// prints median, min and max
void measure(const char* name, int n, const std::function<double()>& call) {
    using clock = std::chrono::steady_clock;
    double s = 0;
    long calls = 1;
    auto start = clock::now();
    while (std::chrono::duration<double>(clock::now() - start).count() < 0.3) {
        for (long k = 0; k < calls; k++) s += call();
        calls *= 2;
    }
    long batch = 1;
    for (;;) {
        auto t0 = clock::now();
        for (long k = 0; k < batch; k++) s += call();
        double secs = std::chrono::duration<double>(clock::now() - t0).count();
        if (secs >= 0.02) break;
        batch *= 2;
    }
    std::vector<double> ns;
    for (int b = 0; b < 11; b++) {
        auto t0 = clock::now();
        for (long k = 0; k < batch; k++) s += call();
        ns.push_back(std::chrono::duration<double, std::nano>(clock::now() - t0).count() / batch);
    }
    std::sort(ns.begin(), ns.end());
    sink = s;
    std::printf("peer %s %d %.1f %.1f %.1f\n", name, n, ns[5], ns[0], ns[10]);
    std::fflush(stdout);
}

void run(int n) {
    std::vector<double> x = uniform(n, -1.5, 1.5, 0x5EEDULL);
    std::vector<double> v = uniform(n, -1, 1, 0xD1EC7ULL);
    std::vector<double> g(n);

    measure("valuePlain", n, [&] { return rosenbrock(x.data(), n); });
    measure("gradientHand", n, [&] { gradient(x.data(), n, g.data()); return g[n / 2]; });
    measure("directionalHand", n, [&] {
        gradient(x.data(), n, g.data());
        double d = 0;
        for (int i = 0; i < n; i++) d += g[i] * v[i];
        return d;
    });

    typedef Sacado::Fad::SFad<double, 1> SFad;
    std::vector<SFad> xf(n);
    measure("directionalSacadoSFad", n, [&] {
        for (int i = 0; i < n; i++) {
            xf[i] = SFad(1, x[i]);
            xf[i].fastAccessDx(0) = v[i];
        }
        return rosenbrock(xf.data(), n).dx(0);
    });

    typedef Sacado::Rad::ADvar<double> Rad;
    measure("gradientSacadoRad", n, [&] {
        std::vector<Rad> xr(x.begin(), x.end());
        Rad y = rosenbrock(xr.data(), n);
        Sacado::Rad::ADcontext<double>::Gradcomp();
        for (int i = 0; i < n; i++) g[i] = xr[i].adj();
        return g[n / 2];
    });

    auto tape = [&](short tag) {
        trace_on(tag, 1);
        std::vector<adouble> a(n);
        for (int i = 0; i < n; i++) a[i] <<= x[i];
        adouble y = rosenbrock(a.data(), n);
        double value;
        y >>= value;
        trace_off();
        return value;
    };
    measure("gradientAdolcTaped", n, [&] {
        tape(1);
        ::gradient(1, n, x.data(), g.data());
        return g[n / 2];
    });
    tape(2);
    measure("gradientAdolcReplay", n, [&] {
        ::gradient(2, n, x.data(), g.data());
        return g[n / 2];
    });

    // the gradients agree with the hand-written one (a check, not a measure)
    std::vector<double> hand(n);
    gradient(x.data(), n, hand.data());
    ::gradient(2, n, x.data(), g.data());
    for (int i = 0; i < n; i++) {
        if (std::abs(g[i] - hand[i]) > 1e-9 * (1 + std::abs(hand[i]))) {
            std::fprintf(stderr, "ADOL-C gradient differs at %d: %g vs %g\n", i, g[i], hand[i]);
            std::exit(1);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    for (int k = 1; k < argc; k++) run(std::atoi(argv[k]));
    if (argc < 2) run(10000);
    return 0;
}
