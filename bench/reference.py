"""A reference checker for seven of the catalogue's claims, written as a Python user would: the
derivation with SymPy, N random instances with NumPy (vectorised). The bench runs it side by side
with claimcheck on the same claims and compares CPU time. It checks what claimcheck checks (the same
derivations, the same conditions at the same number of instances) with floating-point tolerances:
what a hand-written checker would do, not a certified one.

Usage: python3 bench/reference.py [N]   (N instances per numeric check, default 10 000)
Prints one JSON line: wall and CPU seconds, and the verdict of each claim.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import sympy as sp

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
TIMES = {}
_last = [time.perf_counter()]


def lap(name):
    now = time.perf_counter()
    TIMES[name] = round(now - _last[0], 3)
    _last[0] = now


rng = np.random.default_rng(1)
started = time.perf_counter()
verdicts = {}
fp0, fpp0, fppp0 = sp.symbols("fp0 fpp0 fppp0", real=True)
f = sp.Function("f")
theta, psi = sp.symbols("theta psi", real=True)


def taylor_f(x, order=2):
    """f by its Taylor polynomial at 0: the order the Jacobian at 0 needs (a user would do the same)."""
    coeffs = [sp.Symbol("f0"), fp0, fpp0, fppp0, sp.Symbol("f4")]
    return sum(coeffs[k] * x**k / sp.factorial(k) for k in range(order + 1))


def same_sorted(a, b, tol=1e-9):
    a = np.sort_complex(a)
    b = np.sort_complex(b)
    return np.all(np.abs(a - b) <= tol * np.maximum(1, np.abs(b)))


# p.dirac-eigenvalues: J of v = (−∂L/∂θ, ∂L/∂ψ) at 0 for L = f(ψθ) + f(0); eigenvalues ±f′(0)i.
L = taylor_f(psi * theta)
v = sp.Matrix([-sp.diff(L, theta), sp.diff(L, psi)])
J = v.jacobian([theta, psi]).subs({theta: 0, psi: 0})
lam = list(J.eigenvals().keys())
claimed = [fp0 * sp.I, -fp0 * sp.I]
proved = all(any(sp.simplify(l - c) == 0 for c in claimed) for l in lam)
Jf = sp.lambdify(fp0, J, "numpy")
x = rng.uniform(-3, 3, N)
ok = all(same_sorted(np.linalg.eigvals(np.array(Jf(t), dtype=float)), np.array([t * 1j, -t * 1j])) for t in x)
verdicts["p.dirac-eigenvalues"] = "proved" if proved and ok else "refuted"
lap("p.dirac-eigenvalues")

# p.simgd-spectrum: the simultaneous GD step's Jacobian, its eigenvalues, modulus and determinant; runs.
h = sp.Symbol("h", positive=True)
step = sp.Matrix([theta - h * sp.diff(L, theta), psi + h * sp.diff(L, psi)])
Js = step.jacobian([theta, psi]).subs({theta: 0, psi: 0})
lam = list(Js.eigenvals().keys())
eq1 = all(any(sp.simplify(l - c) == 0 for c in [1 + h * fp0 * sp.I, 1 - h * fp0 * sp.I]) for l in lam)
eq2 = sp.simplify(Js.det() - (1 + h**2 * fp0**2)) == 0
hs = rng.uniform(0, 3, N)
ts = rng.uniform(-3, 3, N)
mats = np.empty((N, 2, 2))
for i in range(2):
    for j in range(2):
        mats[:, i, j] = np.broadcast_to(np.asarray(sp.lambdify((h, fp0), Js[i, j], "numpy")(hs, ts), dtype=float), (N,))
eig = np.linalg.eigvals(mats)
mod_ok = np.all(np.abs(np.abs(eig) - np.sqrt(1 + hs**2 * ts**2)[:, None]) <= 1e-9 * np.sqrt(1 + hs**2 * ts**2)[:, None])
outside = np.all(np.abs(eig) ** 2 >= 1 - 1e-12)
fp = lambda z: 1 / (1 + np.exp(z))
runs_h = rng.uniform(0.1, 3, 40)
th = rng.uniform(-0.1, 0.1, 40)
ps = rng.uniform(-0.1, 0.1, 40)
d0 = np.hypot(th, ps)
with np.errstate(all="ignore"):
    for _ in range(2000):
        th, ps = th - runs_h * fp(ps * th) * ps, ps + runs_h * fp(ps * th) * th
dN = np.hypot(th, ps)
diverge = np.all(~np.isfinite(dN) | (dN >= 1.5 * d0))
verdicts["p.simgd-spectrum"] = "verified" if eq1 and eq2 and mod_ok and outside and diverge else "refuted"
lap("p.simgd-spectrum")

# p.altgd-spectrum: n_g θ-steps then n_d ψ-steps; eigenvalues 1 − α²/2 ± √((1 − α²/2)² − 1), det 1.
ok = True
# 0 is a fixed point of each stage, so the Jacobian of the composition is the product of the stages' Jacobians there.
J_theta = sp.Matrix([theta - h * sp.diff(L, theta), psi]).jacobian([theta, psi]).subs({theta: 0, psi: 0})
J_psi = sp.Matrix([theta, psi + h * sp.diff(L, psi)]).jacobian([theta, psi]).subs({theta: 0, psi: 0})
for ng in range(1, 9):
    for nd in range(1, 9):
        Ja = sp.expand(J_psi**nd * J_theta**ng)
        if sp.expand(Ja.det() - 1) != 0:
            ok = False
        alpha = sp.sqrt(ng * nd) * h * fp0
        c = 1 - alpha**2 / 2
        claimed = [c + sp.sqrt(c**2 - 1), c - sp.sqrt(c**2 - 1)]
        Jn = sp.lambdify((h, fp0), Ja, "numpy")
        cl = sp.lambdify((h, fp0), claimed, "numpy")
        for k in range(N // 64 + 1):
            hv, tv = rng.uniform(0, 3), rng.uniform(-3, 3)
            if not same_sorted(np.linalg.eigvals(np.array(Jn(hv, tv), dtype=float)), np.array(cl(complex(hv), complex(tv)), dtype=complex), 1e-7):
                ok = False
verdicts["p.altgd-spectrum"] = "proved" if ok else "refuted"
lap("p.altgd-spectrum")

# p.instance-noise: L = E f(ψ(θ + ε)) + E f(−ψε), ε ~ N(0, σ²), f by its Taylor polynomial.
sigma, eps = sp.symbols("sigma eps", positive=True)
moments = {1: 0, 2: sigma**2, 3: 0, 4: 3 * sigma**4}


def expectation(expr):
    poly = sp.Poly(sp.expand(expr), eps)
    return sum(c * (1 if m[0] == 0 else moments[m[0]]) for m, c in zip(poly.monoms(), poly.coeffs()))


Ln = expectation(taylor_f(psi * (theta + eps), 3)) + expectation(taylor_f(-psi * eps, 3))
vn = sp.Matrix([-sp.diff(Ln, theta), sp.diff(Ln, psi)])
Jn = vn.jacobian([theta, psi]).subs({theta: 0, psi: 0})
lam = list(Jn.eigenvals().keys())
disc = sp.sqrt(fpp0**2 * sigma**4 - fp0**2)
eq = all(any(sp.simplify(l - c) == 0 for c in [fpp0 * sigma**2 + disc, fpp0 * sigma**2 - disc]) for l in lam)
lamf = sp.lambdify((fp0, fpp0, sigma), lam, "numpy")
a = rng.uniform(-3, 3, N)
a[:10] = 0  # an edge value, as a careful user would add
b = -rng.uniform(0, 3, N)
s = rng.uniform(0, 3, N)
with np.errstate(all="ignore"):
    vals = np.array([np.asarray(l, dtype=complex) for l in lamf(a.astype(complex), b.astype(complex), s.astype(complex))])
implication = np.all(vals.real < 0)
verdicts["p.instance-noise"] = "refuted" if not (eq and implication) else "verified"
lap("p.instance-noise")

# l14.lemma10: solve |1 + hλ|² < 1 for h; then the iff on random stable matrices, and the threshold.
a_, b_ = sp.symbols("a b", real=True)
hh = sp.Symbol("h", positive=True)
# |1 + hλ|² < 1 holds between the roots of |1 + hλ|² = 1 (0 and the bound): solve the equality.
roots = sp.solve(sp.Eq(sp.expand((1 + hh * a_) ** 2 + (hh * b_) ** 2), 1), hh)
derived_bound = [r for r in roots if r != 0][0]
bound_ok = sp.simplify(derived_bound - (1 / sp.Abs(a_)) * 2 / (1 + (b_ / a_) ** 2)).subs(sp.Abs(a_), -a_) == 0 or sp.simplify(derived_bound - (-2 * a_) / (a_**2 + b_**2)) == 0


def stable(n):
    eigs = []
    k = 0
    B = np.zeros((n, n))
    while k < n:
        if k + 1 < n and rng.random() < 0.5:
            re, im = -rng.uniform(0.05, 3), rng.uniform(0.1, 3)
            B[k, k] = B[k + 1, k + 1] = re
            B[k, k + 1], B[k + 1, k] = im, -im
            k += 2
        else:
            B[k, k] = -rng.uniform(0.05, 3)
            k += 1
    S = np.eye(n) + 0.3 * rng.standard_normal((n, n)) / np.sqrt(n)
    return S @ B @ np.linalg.inv(S)


def bound(A):
    ev = np.linalg.eigvals(A)
    return np.min(2 * np.abs(ev.real) / np.abs(ev) ** 2)


ok = True
for _ in range(N):
    A = stable(int(rng.integers(2, 9)))
    hb = bound(A)
    hv = hb * rng.choice([0.5, 0.99, 1.01, 2.0])
    rho = np.max(np.abs(np.linalg.eigvals(np.eye(len(A)) + hv * A)))
    if (rho < 1) != (hv < hb):
        ok = False
for _ in range(100):
    A = stable(int(rng.integers(2, 9)))
    lo, hi = 1e-6, 1000.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.max(np.abs(np.linalg.eigvals(np.eye(len(A)) + mid * A))) < 1:
            lo = mid
        else:
            hi = mid
    if abs(lo - bound(A)) > 1e-6 * bound(A):
        ok = False
verdicts["l14.lemma10"] = "verified" if ok and bound_ok else "refuted"
lap("l14.lemma10")


# l14.lemma7 and l14.def6-jacobian: J of (∇_φ f, ∇_θ g), g = −f, for f = φᵀAφ/2 + φᵀBθ + θᵀCθ/2.
def game_jacobian(p, q):
    A = sp.Matrix(p, p, lambda i, j: sp.Symbol(f"A{min(i, j)}{max(i, j)}"))
    B = sp.Matrix(p, q, lambda i, j: sp.Symbol(f"B{i}{j}"))
    C = sp.Matrix(q, q, lambda i, j: sp.Symbol(f"C{min(i, j)}{max(i, j)}"))
    ph = sp.Matrix(sp.symbols(f"phi0:{p}"))
    th = sp.Matrix(sp.symbols(f"theta0:{q}"))
    fq = ((ph.T * A * ph) / 2 + ph.T * B * th + (th.T * C * th) / 2)[0]
    V = sp.Matrix([sp.diff(fq, x) for x in ph] + [sp.diff(-fq, x) for x in th])
    return V.jacobian(list(ph) + list(th)), A, B, C, fq, ph, th


def sym_matrix(n, kind):
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    ev = {"nd": -rng.uniform(0.1, 3, n), "nsd": np.minimum(0, -rng.uniform(-0.5, 3, n)), "any": rng.uniform(-3, 3, n)}[kind]
    return Q @ np.diag(ev) @ Q.T


def definite(M, which):
    ev = np.linalg.eigvalsh((M + M.T) / 2)
    tol = 1e-10 * max(1, np.linalg.norm(M))
    return {"nsd": np.all(ev <= tol), "nd": np.all(ev < -tol), "psd": np.all(ev >= -tol), "pd": np.all(ev > tol)}[which]


ok = True
derived = {}
for p in range(1, 4):
    for q in range(1, 4):
        Jl, A, B, C, *_ = game_jacobian(p, q)
        args = sorted(Jl.free_symbols, key=str)
        derived[p, q] = (sp.lambdify(args, Jl, "numpy"), [str(a) for a in args])
for _ in range(N):
    p, q = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    A = sym_matrix(p, rng.choice(["nd", "nsd", "any"]))
    C = -sym_matrix(q, rng.choice(["nd", "nsd", "any"]))
    B = rng.standard_normal((p, q))
    fn, names = derived[p, q]
    values = {**{f"A{i}{j}": A[i, j] for i in range(p) for j in range(p)}, **{f"B{i}{j}": B[i, j] for i in range(p) for j in range(q)}, **{f"C{i}{j}": C[i, j] for i in range(q) for j in range(q)}}
    Jv = np.array(fn(*[values[n] for n in names]), dtype=float)
    if definite(Jv, "nsd") != (definite(A, "nsd") and definite(C, "psd")):
        ok = False
    if definite(Jv, "nd") != (definite(A, "nd") and definite(C, "pd")):
        ok = False
verdicts["l14.lemma7"] = "verified" if ok else "refuted"
lap("l14.lemma7")

refuted = False
for p in range(1, 3):
    for q in range(1, 3):
        Jd, A, B, C, fq, ph, th = game_jacobian(p, q)
        H = sp.hessian(fq, list(ph) + list(th))
        claimed = sp.BlockMatrix([[H[:p, :p], H[:p, p:]], [-H[:p, p:].T, H[p:, p:]]]).as_explicit()
        if sp.simplify(Jd - claimed) != sp.zeros(p + q, p + q):
            refuted = True
verdicts["l14.def6-jacobian"] = "refuted" if refuted else "proved"
lap("l14.def6-jacobian")

usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime, "instances": N, "verdicts": verdicts, "seconds": TIMES}))
