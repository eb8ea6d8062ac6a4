r"""Column generation for LP-Binary (003_e54e9b7a7da88b3e.txt, Section 7 and Appendix B).

LP-Binary has :math:`|\Theta| 2^N` scheme columns but only ``2N + |Theta|`` rows (plus the budget
row). Column generation keeps a *restricted master* (a few columns ``(theta, S)``, every payment
column), solves it exactly, and prices the missing columns with the master's duals
``lambda1, lambda0, z``: column ``(theta, S)`` has reduced cost

.. math:: \mu_\theta\Bigl(f^\theta(S) + \sum_{i\in S}\lambda^1_i g^\theta_i(S) - \sum_{i\notin S}
          \lambda^0_i g^\theta_i(S\cup\{i\})\Bigr) - z_\theta ,

``mu_theta`` times the virtual payoff minus ``z_theta``: pricing is the **separation oracle** of
Proposition 9, ``argmax_S`` of a set function in ``cone(f, g_1, ..., g_N)`` (there without (**),
``lambda0 = 0``). An *oracle* is a function ``(state, lambda1, lambda0) -> S``; the default
proposes with a vectorized float scan over all sets (``# float-ok``: only a proposal) and every
proposal's reduced cost is recomputed exactly before the column enters.

**Exactness.** The (**) rows get artificial columns of cost ``-M`` so that the first master (the
empty set in every state) is feasible; the answer is accepted only when every artificial is 0.
Then the master's exact certificate (:class:`~exactgame.geometry.lp.LPOptimalCertificate`) and
an **exact scan** of every column's reduced cost (integers: the tables scaled by their common
denominator, the duals by theirs) prove the full LP's optimality: the master's primal padded with
zeros is feasible for the full LP (same rows), its duals are feasible for every column (the scan;
the master's own columns by its certificate) and the objectives agree. The certificate written to
the document is the full ``x`` with the master's duals, which the independent checker tests
against LP-Binary rebuilt from the game like any other.

>>> from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
>>> g = MultiReceiverGame.example()
>>> [solve_binary_columns(g, m).value == solve_binary(g, m).value for m in ("none", "budget-balanced", "arbitrary")]
[True, True, True]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import lcm
from typing import Any, Callable, Iterable, Sequence

from ..errors import CertificateError, InternalError
from ..games.model import check_prior
from ..geometry.lp import LPProblem, LPResult, solve_problem
from .multireceiver import BinaryResult, MultiReceiverGame, assemble_binary, binary_lp, check_binary_payments

__all__ = ["ColumnsResult", "SetTables", "Oracle", "solve_binary_columns", "column_generation", "ColumnGeneration",
           "brute_force_oracle"]

#: ``(state, lambda1, lambda0) -> S``: a set maximizing the virtual payoff (module doc).
Oracle = Callable[[str, Sequence[Fraction], Sequence[Fraction]], frozenset]

#: Columns added per state and round (the best proposals by float reduced cost).
PER_ROUND = 8
#: Rounds before giving up (a bug: column generation terminates on a finite LP).
MAX_ROUNDS = 10_000


class SetTables:
    """The game's tables over sets as arrays indexed like :meth:`MultiReceiverGame.subsets`.

    ``F[w][k] = f(S_k)``, ``G1[w][i][k] = g_i(S_k)`` (0 unless ``i`` is in ``S_k``) and
    ``G0[w][i][k] = g_i(S_k + i)`` (0 unless ``i`` is outside), exact; with ``float_arrays`` their
    numpy float copies (for proposals) and ``scale`` their common denominator (for the exact scan).

    Parameters
    ----------
    game : MultiReceiverGame
        The game.

    >>> t = SetTables(MultiReceiverGame.example())
    >>> t.G1["good"][0], t.G0["bad"][1]
    ([Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)], [Fraction(-1, 1), Fraction(-2, 1), Fraction(0, 1), Fraction(0, 1)])
    """

    def __init__(self, game: MultiReceiverGame):
        self.game = game
        self.sets = game.subsets()
        R = game.receivers
        N = len(R)
        bit = {r: 1 << i for i, r in enumerate(R)}
        masks = [sum(bit[r] for r in S) for S in self.sets]
        at = {m: k for k, m in enumerate(masks)}
        zero = Fraction(0)
        self.F: dict[str, list[Fraction]] = {}
        self.G1: dict[str, list[list[Fraction]]] = {}
        self.G0: dict[str, list[list[Fraction]]] = {}
        for w in game.states:
            u = [game.payoffs[w][S] for S in self.sets]
            self.F[w] = [game.sender[w][S] for S in self.sets]
            g1 = [[zero] * len(masks) for _ in range(N)]
            g0 = [[zero] * len(masks) for _ in range(N)]
            for k, m in enumerate(masks):
                for i in range(N):
                    b = 1 << i
                    if m & b:
                        g1[i][k] = u[k][i] - u[at[m ^ b]][i]
                    else:
                        g0[i][k] = u[at[m | b]][i] - u[k][i]
            self.G1[w], self.G0[w] = g1, g0
        dens = [x.denominator for w in game.states for x in self.F[w]]
        dens += [x.denominator for w in game.states for rows in (self.G1[w], self.G0[w]) for row in rows for x in row]
        self.scale = lcm(*dens) if dens else 1
        self._float: dict[str, Any] | None = None
        self._ints: dict[str, tuple[list[int], list[list[int]], list[list[int]]]] = {}

    def float_arrays(self) -> dict[str, Any]:
        """``state -> (F, G1, G0)`` as numpy float arrays (proposals only).

        Returns
        -------
        dict
            Arrays of shapes ``(2^N,)``, ``(N, 2^N)``, ``(N, 2^N)``.
        """
        if self._float is None:
            import numpy as np

            self._float = {w: (np.array([float(x) for x in self.F[w]]),  # float-ok: proposals, re-checked exactly
                               np.array([[float(x) for x in row] for row in self.G1[w]]).reshape(len(self.G1[w]), -1),  # float-ok: proposals
                               np.array([[float(x) for x in row] for row in self.G0[w]]).reshape(len(self.G0[w]), -1))  # float-ok: proposals
                           for w in self.game.states}
        return self._float

    def virtual(self, w: str, k: int, lam1: Sequence[Fraction], lam0: Sequence[Fraction]) -> Fraction:
        """The exact virtual payoff of set ``k`` in state ``w``.

        Parameters
        ----------
        w : str
            The state.
        k : int
            The set's index.
        lam1, lam0 : sequence of Fraction
            The multipliers.

        Returns
        -------
        Fraction
            ``f(S) + sum lam1 g_i(S) - sum lam0 g_i(S + i)``.
        """
        tot = self.F[w][k]
        for i in range(len(lam1)):
            a, b = self.G1[w][i][k], self.G0[w][i][k]
            if a and lam1[i]:
                tot += lam1[i] * a
            if b and lam0[i]:
                tot -= lam0[i] * b
        return tot

    def exact_max(self, w: str, lam1: Sequence[Fraction], lam0: Sequence[Fraction]) -> tuple[Fraction, list[int]]:
        """The exact maximum of the virtual payoff over all sets, and the sets attaining it (integer arithmetic).

        Parameters
        ----------
        w : str
            The state.
        lam1, lam0 : sequence of Fraction
            The multipliers.

        Returns
        -------
        tuple
            ``(max, [indices attaining it])``.
        """
        D = lcm(*[x.denominator for x in (*lam1, *lam0)]) if lam1 else 1
        L1 = [int(x * D) for x in lam1]
        L0 = [int(x * D) for x in lam0]
        Fi, G1i, G0i = self._integers(w)
        tot = [x * D for x in Fi]
        for i in range(len(L1)):
            if L1[i]:
                a = L1[i]
                tot = [t + a * x for t, x in zip(tot, G1i[i])]
            if L0[i]:
                b = L0[i]
                tot = [t - b * x for t, x in zip(tot, G0i[i])]
        top = max(tot)
        return Fraction(top, self.scale * D), [k for k, t in enumerate(tot) if t == top]

    def _integers(self, w: str) -> tuple[list[int], list[list[int]], list[list[int]]]:
        """The tables of state ``w`` times :attr:`scale`, as Python integers (exact, cached)."""
        got = self._ints.get(w)
        if got is None:
            s = self.scale
            def scaled(xs: list[Fraction]) -> list[int]:
                return [x.numerator * (s // x.denominator) for x in xs]
            got = self._ints[w] = (scaled(self.F[w]), [scaled(r) for r in self.G1[w]], [scaled(r) for r in self.G0[w]])
        return got


def brute_force_oracle(tables: SetTables) -> Oracle:
    """The exact oracle: scan every set (``2^N`` per call).

    Parameters
    ----------
    tables : SetTables
        The game's tables.

    Returns
    -------
    Oracle
        ``(state, lambda1, lambda0) -> a maximizing set``.

    >>> t = SetTables(MultiReceiverGame.example())
    >>> sorted(brute_force_oracle(t)("good", [Fraction(0)] * 2, [Fraction(0)] * 2))
    ['r1', 'r2']
    """
    def oracle(w: str, lam1: Sequence[Fraction], lam0: Sequence[Fraction]) -> frozenset:
        return tables.sets[tables.exact_max(w, lam1, lam0)[1][0]]
    return oracle


@dataclass
class ColumnGeneration:
    """What a column-generation run produced: the final master and the full primal-dual pair.

    Attributes
    ----------
    cols : list of (state, set)
        The master's scheme columns.
    master : LPResult
        The final restricted master (without the artificial columns' values, all 0).
    x : tuple of Fraction
        The full primal (every scheme column of LP-Binary, then the payment columns).
    y_ub, y_eq : tuple of Fraction
        The duals (valid for the full LP).
    rounds, oracle_calls : int
        Pricing rounds and oracle calls.

    >>> run = column_generation(MultiReceiverGame.example(), "none")
    >>> run.value, len(run.x), run.rounds >= 1
    (Fraction(5, 3), 8, True)
    """

    cols: list[tuple[str, frozenset]]
    master: LPResult
    x: tuple[Fraction, ...]
    y_ub: tuple[Fraction, ...]
    y_eq: tuple[Fraction, ...]
    value: Fraction
    rounds: int = 0
    oracle_calls: int = 0


def _master(game: MultiReceiverGame, model: str, cols, star_star: bool, M: Fraction) -> LPProblem:
    """The restricted master: :func:`binary_lp` on ``cols`` (rows (**) dropped unless ``star_star``),
    with an artificial column of cost ``-M`` in each (**) row."""
    base, _ = binary_lp(game, model, cols)
    N = len(game.receivers)
    A_ub = [list(r) for r in base.A_ub]
    b_ub = list(base.b_ub)
    if not star_star:
        A_ub, b_ub = A_ub[:N], b_ub[:N]
    n_art = N if star_star else 0
    one, zero = Fraction(1), Fraction(0)
    A_ub = [row + [(-one if star_star and k - N == a else zero) for a in range(n_art)] for k, row in enumerate(A_ub)]
    A_eq = [list(r) + [zero] * n_art for r in base.A_eq]
    return LPProblem.make(list(base.c) + [-M] * n_art, A_ub, b_ub, A_eq, list(base.b_eq), maximize=True)


def _propose(tables: SetTables, w: str, lam1, lam0, limit: int) -> list[int]:
    """Up to ``limit`` set indices with the largest float virtual payoff (proposals)."""
    import numpy as np

    F, G1, G0 = tables.float_arrays()[w]
    vp = F + np.asarray([float(x) for x in lam1]) @ G1 - np.asarray([float(x) for x in lam0]) @ G0  # float-ok: proposal
    k = min(limit, len(vp))
    return [int(j) for j in np.argsort(-vp, kind="stable")[:k]]


def column_generation(game: MultiReceiverGame, model: str = "none", *, star_star: bool = True,
                      oracle: Oracle | None = None, tables: SetTables | None = None) -> ColumnGeneration:
    """Solve LP-Binary (or, ``star_star=False``, LP-Binary without (**)) by column generation (module doc).

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).
    model : str
        The payment model (``star_star=False`` needs ``none``).
    star_star : bool
        Keep the constraints (**).
    oracle : Oracle, optional
        Pricing; default the float proposals with exact re-checks. Whatever the oracle, the
        answer is accepted only after the exact scan.
    tables : SetTables, optional
        Precomputed tables of ``game``.

    Returns
    -------
    ColumnGeneration
        The final master and the full primal-dual pair, verified.

    Raises
    ------
    CertificateError
        If the full pair fails its check (a bug).

    >>> column_generation(MultiReceiverGame.example(), star_star=False).value     # Lemma 4's LP
    Fraction(5, 3)
    """
    t = tables or SetTables(game)
    N = len(game.receivers)
    mu = dict(zip(game.states, game.prior))
    index = {S: k for k, S in enumerate(t.sets)}
    cols: list[tuple[str, frozenset]] = [(w, frozenset()) for w in game.states]
    M = 1 + 2 * max(abs(x) for w in game.states for x in t.F[w])   # a first guess, raised while an artificial is used
    rounds = calls = 0
    for _ in range(MAX_ROUNDS):
        rounds += 1
        master = solve_problem(_master(game, model, cols, star_star, M))
        if master.status != "optimal" or master.x is None or master.dual is None:  # pragma: no cover
            raise InternalError(f"column generation: the restricted master is {master.status}")
        y_ub, y_eq = master.dual_ub or (), master.dual_eq or ()
        lam1 = list(y_ub[:N])
        lam0 = list(y_ub[N:2 * N]) if star_star else [Fraction(0)] * N
        z = dict(zip(game.states, y_eq))
        new = []
        for w in game.states:
            if not mu[w]:
                continue
            calls += 1
            if oracle is not None:
                cands = [index[oracle(w, lam1, lam0)]]
            else:
                cands = _propose(t, w, lam1, lam0, PER_ROUND)
            new += [(w, t.sets[k]) for k in cands if (w, t.sets[k]) not in cols and mu[w] * t.virtual(w, k, lam1, lam0) > z[w]]
        if not new:
            new = _exact_violations(t, game, mu, lam1, lam0, z, cols)
        if new:
            cols += new
            continue
        art = master.x[len(master.x) - (N if star_star else 0):] if star_star else ()
        if any(art):
            M *= 100
            continue
        return _finish(game, model, star_star, t, cols, master, rounds, calls)
    raise InternalError("column generation did not terminate")  # pragma: no cover


def _exact_violations(t: SetTables, game, mu, lam1, lam0, z, cols) -> list[tuple[str, frozenset]]:
    """The exact scan: for each state, the maximizing sets whose reduced cost is positive."""
    out = []
    for w in game.states:
        if not mu[w]:
            continue
        top, ks = t.exact_max(w, lam1, lam0)
        if mu[w] * top > z[w]:
            out += [(w, t.sets[k]) for k in ks[:PER_ROUND] if (w, t.sets[k]) not in cols]
    return out


def _finish(game, model: str, star_star: bool, t: SetTables, cols, master: LPResult, rounds: int, calls: int) -> ColumnGeneration:
    N = len(game.receivers)
    n_art = N if star_star else 0
    xm = master.x or ()
    npay = len(xm) - len(cols) - n_art
    full_cols = [(w, S) for w in game.states for S in t.sets]
    pos = {c: k for k, c in enumerate(full_cols)}
    x = [Fraction(0)] * (len(full_cols) + npay)
    for c, v in zip(cols, xm):
        x[pos[c]] = v
    x[len(full_cols):] = xm[len(cols):len(cols) + npay]
    y_ub, y_eq = tuple(master.dual_ub or ()), tuple(master.dual_eq or ())
    value = master.value if master.value is not None else Fraction(0)
    return ColumnGeneration(cols, master, tuple(x), y_ub, y_eq, value, rounds, calls)


@dataclass(frozen=True)
class ColumnsResult(BinaryResult):
    """A :class:`BinaryResult` found by column generation: ``lp`` is the final restricted master,
    ``run`` holds the full primal-dual pair that the document's certificate carries.

    >>> r = solve_binary_columns(MultiReceiverGame.example(), "budget-balanced")
    >>> r.value, r.gamma, r.verify()
    (Fraction(9, 5), Fraction(1, 5), True)
    """

    run: ColumnGeneration | None = field(default=None, repr=False, compare=False)

    def verify(self) -> bool:
        """The master's certificate, the master is LP-Binary restricted to its columns, the exact scan
        over every column, the artificials 0, and the payments (:func:`check_binary_payments`).

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError`.
        """
        run = self.run
        if run is None:  # pragma: no cover
            raise CertificateError("column generation: no run to verify")
        verify_run(self._solved_game(), self.model, run, star_star=True)
        check_binary_payments(self)
        return True

    def to_dict(self) -> dict[str, Any]:
        """As :meth:`BinaryResult.to_dict`, with the full LP-Binary certificate and the method.

        Returns
        -------
        dict
            The keys of :meth:`BinaryResult.to_dict`.
        """
        run = self.run
        if run is None:  # pragma: no cover
            raise CertificateError("column generation: no run to report")
        d = super().to_dict()
        d["method"] = (f"LP-Binary (003_e54e9b7a7da88b3e.txt, Section 7) by column generation ({run.rounds} rounds, "
                       f"{len(run.cols)} columns of {len(run.x)}), payment model {self.model!r}")
        from ..certificates import encode

        d["certificates"] = {"lp": {"certificate": "lp-optimal", "x": encode(run.x), "y_ub": encode(run.y_ub),
                                    "y_eq": encode(run.y_eq)}}
        return d


def verify_run(game: MultiReceiverGame, model: str, run: ColumnGeneration, *, star_star: bool,
               tables: SetTables | None = None) -> bool:
    """Prove a column-generation run optimal for the full LP (module doc, **Exactness**).

    Parameters
    ----------
    game : MultiReceiverGame
        The game at the prior solved.
    model : str
        The payment model.
    run : ColumnGeneration
        The run.
    star_star : bool
        Whether the LP has the rows (**).
    tables : SetTables, optional
        The game's tables, if already built.

    Returns
    -------
    bool
        True; a failure raises :class:`~exactgame.errors.CertificateError`.

    >>> g = MultiReceiverGame.example()
    >>> verify_run(g, "none", column_generation(g), star_star=True)
    True
    """
    run.master.certificate.verify()
    N = len(game.receivers)
    M = -run.master.problem.c[-1] if star_star else Fraction(0)
    if run.master.problem != _master(game, model, list(run.cols), star_star, M):
        raise CertificateError("column generation: the master is not LP-Binary restricted to its columns")
    xm = run.master.x or ()
    if star_star and any(xm[len(xm) - N:]):
        raise CertificateError("column generation: an artificial column is positive")
    t = tables or SetTables(game)
    mu = dict(zip(game.states, game.prior))
    lam1 = list(run.y_ub[:N])
    lam0 = list(run.y_ub[N:2 * N]) if star_star else [Fraction(0)] * N
    z = dict(zip(game.states, run.y_eq))
    for w in game.states:
        top = t.exact_max(w, lam1, lam0)[0]
        if mu[w] * top > z[w] or z[w] < 0 and not mu[w]:
            raise CertificateError(f"column generation: a column of state {w} has positive reduced cost")
    return True


def solve_binary_columns(game: MultiReceiverGame, model: str = "none", prior: Iterable[Any] | None = None,
                         oracle: Oracle | None = None) -> ColumnsResult:
    """LP-Binary by column generation: the same answer and document as
    :func:`~exactgame.persuasion.multireceiver.solve_binary`, without building the dense LP.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    model : str
        The payment model.
    prior : sequence, optional
        A prior instead of the game's.
    oracle : Oracle, optional
        The pricing oracle (module doc).

    Returns
    -------
    ColumnsResult
        Verified.

    >>> solve_binary_columns(MultiReceiverGame.example(), "arbitrary").value
    Fraction(3, 1)
    """
    p = None if prior is None else tuple(check_prior(prior, game.states, where="--prior"))
    g = game if p is None else replace(game, prior=p)
    t = SetTables(g)
    run = column_generation(g, model, oracle=oracle, tables=t)
    N = len(g.receivers)
    full_cols = [(w, S) for w in g.states for S in t.sets]
    verify_run(g, model, run, star_star=True, tables=t)
    res = assemble_binary(game, g, model, p, full_cols, run.x, run.y_ub[:2 * N], run.value,
                          lambda **kw: ColumnsResult(lp=run.master, run=run, **kw), lagrangian=lambda r: _lagrangian(r, t))
    if not isinstance(res, ColumnsResult):  # pragma: no cover
        raise InternalError("column generation: unexpected result type")
    return res


def _lagrangian(res: BinaryResult, t: SetTables) -> bool:
    """:func:`~exactgame.persuasion.multireceiver.check_lagrangian` with the integer scan: the sets used
    in each state maximize the virtual payoff, and Propositions 7-8's multipliers."""
    g = res._solved_game()
    index = {S: k for k, S in enumerate(t.sets)}
    for w, pw in zip(g.states, g.prior):
        if not pw or not res.scheme[w]:
            continue
        best = set(t.exact_max(w, res.lambda1, res.lambda0)[1])
        for name in res.scheme[w]:
            if index[frozenset(name.split("+")) if name else frozenset()] not in best:
                raise CertificateError(f"multi-receiver: in state {w} the set {name!r} does not maximize the virtual payoff")
    if res.model == "arbitrary" and res.gamma != 1:
        raise CertificateError("Proposition 8 fails: the multipliers are not all 1")
    if res.model == "budget-balanced" and res.gamma is None:
        raise CertificateError("Proposition 7 fails: the multipliers are not all equal")
    return True
