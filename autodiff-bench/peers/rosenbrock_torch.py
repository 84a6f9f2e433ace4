# Chained Rosenbrock in PyTorch, beside the Java benchmarks and the C++ peers: the same f, point and
# direction as dev.autodiff.bench.Rosenbrock (java.util.SplittableRandom, ported), in float64, written
# as a PyTorch user writes it (whole-tensor operations, no Python loop over terms). Measures plain f,
# the gradient by backward() (a graph recorded on every call, as a numeric tape is), and the
# directional derivative by forward-mode AD (torch.func.jvp). Checks the gradient against the
# hand-written one before timing. Prints "peer torch<threads> <measure> <n> <median ns> <min> <max>",
# as rosenbrock_peers.cpp does: batches of at least 20 ms after 0.3 s of warm-up, 11 batches.
#
#   python3 rosenbrock_torch.py [n ...]        (default: 10 10000); run by ./run when torch imports
import sys
import time

import torch
from torch.func import jvp

MASK64 = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def uniform(n, lo, hi, seed):
    """SplittableRandom(seed).nextDouble() n times, scaled to [lo, hi), as Seeded.uniform draws them."""
    out = []
    for _ in range(n):
        seed = (seed + GAMMA) & MASK64
        out.append(lo + (hi - lo) * ((mix64(seed) >> 11) * 2.0 ** -53))
    return torch.tensor(out, dtype=torch.float64)


def rosenbrock(x):
    a = x[1:] - x[:-1] * x[:-1]
    b = 1.0 - x[:-1]
    return (100.0 * (a * a) + b * b).sum()


def hand_gradient(x):
    """Rosenbrock.gradient, term by term in Python floats: the check's reference."""
    n = len(x)
    g = [0.0] * n
    for i in range(n - 1):
        a = x[i + 1] - x[i] * x[i]
        g[i] += -400 * x[i] * a - 2 * (1 - x[i])
        g[i + 1] += 200 * a
    return g


def measure(label, name, n, call):
    call()
    start = time.perf_counter()
    calls = 1
    while time.perf_counter() - start < 0.3:
        for _ in range(calls):
            call()
        calls *= 2
    batch = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(batch):
            call()
        if time.perf_counter() - t0 >= 0.02:
            break
        batch *= 2
    ns = []
    for _ in range(11):
        t0 = time.perf_counter()
        for _ in range(batch):
            call()
        ns.append((time.perf_counter() - t0) * 1e9 / batch)
    ns.sort()
    print(f"peer {label} {name} {n} {ns[5]:.1f} {ns[0]:.1f} {ns[10]:.1f}", flush=True)


def run(label, n):
    x = uniform(n, -1.5, 1.5, 0x5EED)
    v = uniform(n, -1.0, 1.0, 0xD1EC7)

    def gradient():
        xg = x.detach().requires_grad_(True)
        rosenbrock(xg).backward()
        return xg.grad

    hand = hand_gradient(x.tolist())
    got = gradient().tolist()
    for i in range(n):
        if abs(got[i] - hand[i]) > 1e-9 * (1 + abs(hand[i])):
            sys.exit(f"torch gradient differs at {i}: {got[i]} vs {hand[i]}")
    directional = jvp(rosenbrock, (x,), (v,))[1].item()
    expected = sum(g * d for g, d in zip(hand, v.tolist()))
    if abs(directional - expected) > 1e-9 * (1 + sum(abs(g * d) for g, d in zip(hand, v.tolist()))):
        sys.exit(f"torch directional differs: {directional} vs {expected}")

    with torch.no_grad():
        measure(label, "valuePlain", n, lambda: rosenbrock(x).item())
    measure(label, "gradientBackward", n, lambda: gradient()[n // 2].item())
    measure(label, "directionalJvp", n, lambda: jvp(rosenbrock, (x,), (v,))[1].item())


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10, 10000]
    most = torch.get_num_threads()
    for threads in sorted({1, most}):
        torch.set_num_threads(threads)
        for n in sizes:
            run(f"torch{threads}", n)
    print(f"# torch {torch.__version__}, {most} threads at most", file=sys.stderr)


if __name__ == "__main__":
    main()
