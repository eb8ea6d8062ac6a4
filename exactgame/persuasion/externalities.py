r"""Positive externalities without payments (003_e54e9b7a7da88b3e.txt, Appendix B), computable.

* **Definition 6** (positive externalities): :math:`g^\theta_i(S) \ge g^\theta_i(S\setminus\{j\})` for
  every state, set ``S`` and ``i != j`` in ``S`` -- :func:`externality_violation` finds a violation
  or proves there is none (by enumeration); the model of Section 2 also assumes the sender's
  :math:`f^\theta` monotone (:func:`monotone_violation`).
* **Lemma 4**: with no payments and positive externalities, LP-Binary without the constraints
  (**) has the optimum of LP-Binary. :func:`lemma4` solves both LPs (certified) *and* runs the
  lemma's proof as an algorithm: from an optimal solution of the reduced LP, while some (**) for
  ``i`` is violated, a term :math:`\varphi_\theta(S) > 0` with :math:`g^\theta_i(S\cup\{i\}) > 0` exists;
  move that mass to :math:`S\cup\{i\}`. Each move keeps (*) (receiver ``i`` gains a positive term;
  for ``j`` in ``S``, :math:`g_j(S\cup\{i\}) \ge g_j(S)` by Definition 6), does not lower the sender's
  value (``f`` monotone) and only enlarges a packet of mass, so at most ``N`` moves per support set
  end it with every (**) satisfied: a feasible LP-Binary scheme whose value is at least the reduced
  optimum, hence optimal for both. The repaired scheme is part of the result and re-checked.

  The lemma needs ``f`` monotone, which its statement leaves to Section 2's standing assumption:
  with one receiver who always wants action 1 and :math:`f(\emptyset) = 1 > f(\{1\}) = 0`
  (positive externalities hold vacuously), the reduced LP tells her 0 and earns 1, LP-Binary must
  tell her 1 and earns 0 (``tests/test_externalities.py`` checks this).
* The **final primal-dual LP** printed after Lemma 4 is the reduced LP and its dual
  :math:`\min \sum_\theta y_\theta` s.t. :math:`y_\theta - \mu_\theta\sum_{i\in S}\alpha_i g^\theta_i(S) \ge
  \mu_\theta f^\theta(S)`, :math:`\alpha\ge 0`: ``alpha`` and ``y`` are reported.
* **Definition 7 / Proposition 9**: separating the dual's constraints for given ``alpha`` is
  :math:`\arg\max_S f^\theta(S) + \sum_i \alpha_i g^\theta_i(S)`, a function of
  :math:`\mathrm{cone}(f^\theta, g^\theta_1, \dots, g^\theta_N)`. :func:`separation_solve` is that
  reduction as column generation (:mod:`~exactgame.persuasion.colgen`) with any oracle, counting
  the oracle calls; the answer is certified like any LP answer, the polynomial running time is
  the proposition's claim and is not certified. :func:`in_conic_hull` decides membership in a
  conic hull (Definition 7) with an exact LP certificate, and :func:`cone_conditions` checks
  the proposition's hypotheses for two cones whose maximization is easy or classical:
  ``modular`` (no externalities; argmax in O(N)) and ``supermodular``.

>>> r = lemma4(positive_example())
>>> r.positive_externalities, r.reduced_value, r.full_value, r.repaired_value, r.holds
(True, Fraction(5, 3), Fraction(5, 3), Fraction(5, 3), True)
>>> w, S, i, j = lemma4(MultiReceiverGame.example()).externality_witness    # negative externalities in state bad
>>> w, sorted(S)
('bad', ['r1', 'r2'])
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ..certificates import encode
from ..errors import CertificateError, InputError, InternalError
from ..games.model import check_prior
from ..geometry.lp import LPResult, solve_lp
from ..results import Claim, certified, not_certified
from .colgen import ColumnGeneration, Oracle, SetTables, column_generation, verify_run
from .multireceiver import BinaryResult, MultiReceiverGame, solve_binary, subset_name

__all__ = ["positive_example", "externality_violation", "monotone_violation", "Lemma4Result", "lemma4", "repair_star_star",
           "separation_solve", "in_conic_hull", "cone_conditions", "CONES"]

#: Cones of set functions that :func:`cone_conditions` recognizes.
CONES = ("modular", "supermodular")


def positive_example() -> MultiReceiverGame:
    """Two receivers with positive externalities: acting pays ``v_theta + (|S| - 1)`` (``v_bad = -4``,
    ``v_good = 1``), not acting 0; the sender wants ``f(S) = |S|``.

    Returns
    -------
    MultiReceiverGame
        States ``bad``, ``good`` (equiprobable), receivers ``r1``, ``r2``.

    >>> g = positive_example()
    >>> g.payoffs["bad"][frozenset({"r1", "r2"})], externality_violation(g) is None
    ((Fraction(-3, 1), Fraction(-3, 1)), True)
    """
    R = ("r1", "r2")
    sets = ["", "r1", "r2", "r1+r2"]
    def u(v: int, S: str) -> list[int]:
        names = S.split("+") if S else []
        return [v + len(names) - 1 if r in names else 0 for r in R]
    return MultiReceiverGame.make(["bad", "good"], ["1/2", "1/2"], R, {"rule": "additive"},
                                  {w: {S: u(v, S) for S in sets} for w, v in (("bad", -4), ("good", 1))})


def externality_violation(game: MultiReceiverGame) -> tuple[str, frozenset, str, str] | None:
    """A violation of Definition 6, or None when the game has positive externalities.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.

    Returns
    -------
    tuple or None
        ``(state, S, i, j)`` with ``g_i(S) < g_i(S - j)``, ``i != j`` both in ``S``; the first in
        state, subset and receiver order.

    >>> w, S, i, j = externality_violation(MultiReceiverGame.example())
    >>> w, sorted(S), i, j
    ('bad', ['r1', 'r2'], 'r1', 'r2')
    """
    R = game.receivers
    for w in game.states:
        for S in game.subsets():
            for i, ri in enumerate(R):
                if ri not in S:
                    continue
                gi = game.g(w, i, S)
                for rj in R:
                    if rj != ri and rj in S and gi < game.g(w, i, S - {rj}):
                        return w, S, ri, rj
    return None


def monotone_violation(game: MultiReceiverGame) -> tuple[str, frozenset, str] | None:
    """A set and receiver with ``f(S + i) < f(S)``, or None when every ``f^theta`` is monotone.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.

    Returns
    -------
    tuple or None
        ``(state, S, i)``, the first in order.

    >>> monotone_violation(MultiReceiverGame.example()) is None
    True
    """
    for w in game.states:
        for S in game.subsets():
            for r in game.receivers:
                if r not in S and game.sender[w][S | {r}] < game.sender[w][S]:
                    return w, S, r
    return None


def _star_star_excess(game: MultiReceiverGame, scheme: Mapping[str, Mapping[frozenset, Fraction]], i: int) -> Fraction:
    """Left side of (**) for receiver ``i``: ``sum mu phi(S) g_i(S + i)`` over ``S`` without ``i``."""
    r = game.receivers[i]
    mu = dict(zip(game.states, game.prior))
    return sum((mu[w] * q * game.g(w, i, S | {r}) for w in game.states for S, q in scheme[w].items() if r not in S),
               Fraction(0))


def repair_star_star(game: MultiReceiverGame, scheme: Mapping[str, Mapping[frozenset, Fraction]]
                     ) -> tuple[dict[str, dict[frozenset, Fraction]], int]:
    """Lemma 4's proof as an algorithm (module doc): move mass until every (**) holds.

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).
    scheme : mapping
        ``state -> {S: phi(S)}``, e.g. an optimum of the LP without (**).

    Returns
    -------
    tuple
        ``(scheme, moves)``: the repaired scheme and the number of moves.

    Raises
    ------
    InternalError
        If the moves exceed ``N`` per support set (impossible: each enlarges a packet).

    >>> g = MultiReceiverGame.example()
    >>> fixed, moves = repair_star_star(g, {"bad": {frozenset(): Fraction(1)}, "good": {frozenset(): Fraction(1)}})
    >>> moves, fixed["good"]
    (0, {frozenset(): Fraction(1, 1)})
    """
    out = {w: {S: q for S, q in scheme[w].items() if q} for w in game.states}
    limit = len(game.receivers) * sum(len(d) for d in out.values()) + 1
    moves = 0
    while True:
        bad = next((i for i in range(len(game.receivers)) if _star_star_excess(game, out, i) > 0), None)
        if bad is None:
            return out, moves
        r = game.receivers[bad]
        w, S = next((w, S) for w in game.states for S, q in out[w].items() if r not in S and game.g(w, bad, S | {r}) > 0)
        out[w][S | {r}] = out[w].get(S | {r}, Fraction(0)) + out[w].pop(S)
        moves += 1
        if moves > limit:  # pragma: no cover - each move enlarges a packet of mass
            raise InternalError("Lemma 4 repair: too many moves")


def _scheme_value(game: MultiReceiverGame, scheme) -> Fraction:
    mu = dict(zip(game.states, game.prior))
    return sum((mu[w] * q * game.sender[w][S] for w in game.states for S, q in scheme[w].items()), Fraction(0))


def _star_holds(game: MultiReceiverGame, scheme) -> bool:
    mu = dict(zip(game.states, game.prior))
    for i, r in enumerate(game.receivers):
        if sum((mu[w] * q * game.g(w, i, S) for w in game.states for S, q in scheme[w].items() if r in S), Fraction(0)) < 0:
            return False
    return True


@dataclass(frozen=True)
class Lemma4Result:
    """Appendix B on one instance: the hypotheses, both LPs, and the repaired scheme.

    Attributes
    ----------
    game : MultiReceiverGame
        The game as given.
    prior : tuple of Fraction or None
        The prior solved at when not the file's.
    externality_witness, monotone_witness : tuple or None
        A violation of Definition 6, of monotone ``f`` (None: the property holds).
    reduced : ColumnGeneration
        LP-Binary without (**), solved and proved by column generation.
    full : BinaryResult
        LP-Binary (no payments).
    repaired : dict
        Lemma 4's repair of the reduced optimum (``state -> {S: phi}``).
    moves : int
        The repair's moves.

    >>> r = lemma4(positive_example())
    >>> r.alpha, r.y                          # the final primal-dual LP's dual
    ((Fraction(1, 4), Fraction(5, 12)), (Fraction(0, 1), Fraction(5, 3)))
    """

    game: MultiReceiverGame = field(repr=False)
    prior: tuple[Fraction, ...] | None
    externality_witness: tuple | None
    monotone_witness: tuple | None
    reduced: ColumnGeneration = field(repr=False)
    full: BinaryResult = field(repr=False)
    repaired: dict[str, dict[frozenset, Fraction]]
    moves: int

    @property
    def positive_externalities(self) -> bool:
        """Definition 6 holds."""
        return self.externality_witness is None

    @property
    def monotone(self) -> bool:
        """Every ``f^theta`` is monotone."""
        return self.monotone_witness is None

    @property
    def reduced_value(self) -> Fraction:
        """The optimum of LP-Binary without (**)."""
        return self.reduced.value

    @property
    def full_value(self) -> Fraction:
        """The optimum of LP-Binary (no payments)."""
        return self.full.value

    @property
    def alpha(self) -> tuple[Fraction, ...]:
        """The duals of (*) in the reduced LP (the final primal-dual LP's ``alpha``)."""
        return self.reduced.y_ub[:len(self.game.receivers)]

    @property
    def y(self) -> tuple[Fraction, ...]:
        """The duals of the state rows (the final primal-dual LP's ``y_theta``)."""
        return self.reduced.y_eq

    @property
    def repaired_feasible(self) -> bool:
        """The repaired scheme satisfies (*) and (**) (a feasible LP-Binary scheme)."""
        g = self._solved()
        return _star_holds(g, self.repaired) and all(_star_star_excess(g, self.repaired, i) <= 0
                                                     for i in range(len(g.receivers)))

    @property
    def repaired_value(self) -> Fraction:
        """The sender's value of the repaired scheme."""
        return _scheme_value(self._solved(), self.repaired)

    @property
    def holds(self) -> bool:
        """Lemma 4's conclusion on this instance: the two optima agree."""
        return self.full_value == self.reduced_value

    def _solved(self) -> MultiReceiverGame:
        return self.game if self.prior is None else replace(self.game, prior=self.prior)

    def verify(self) -> bool:
        """Re-prove both LPs, and when the hypotheses hold, that the repair is feasible and optimal.

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError` (with the hypotheses
            true, a failed repair would refute Lemma 4).
        """
        g = self._solved()
        verify_run(g, "none", self.reduced, star_star=False)
        self.full.verify()
        if self.positive_externalities and self.monotone:
            if not self.repaired_feasible or self.repaired_value < self.reduced_value:
                raise CertificateError("Lemma 4: the hypotheses hold but the repair does not give an optimal LP-Binary scheme")
            if not self.holds:
                raise CertificateError("Lemma 4: the hypotheses hold but the optima differ")
        return True

    def to_dict(self) -> dict[str, Any]:
        """The ``externalities`` table of ``persuade --externalities`` (exact strings).

        Returns
        -------
        dict
            ``positive_externalities``, ``externality_witness``, ``monotone_sender``, ``monotone_witness``,
            ``reduced_value``, ``alpha``, ``y``, ``lp_binary_value``, ``lemma4_holds``, ``repaired_scheme``,
            ``repaired_feasible``, ``repaired_value``, ``repair_moves``.
        """
        R = self.game.receivers
        ew, mw = self.externality_witness, self.monotone_witness
        return {"positive_externalities": self.positive_externalities,
                "externality_witness": None if ew is None else {"state": ew[0], "set": subset_name(ew[1], R), "i": ew[2], "j": ew[3]},
                "monotone_sender": self.monotone,
                "monotone_witness": None if mw is None else {"state": mw[0], "set": subset_name(mw[1], R), "i": mw[2]},
                "reduced_value": encode(self.reduced_value), "alpha": encode(self.alpha), "y": encode(self.y),
                "lp_binary_value": encode(self.full_value), "lemma4_holds": self.holds,
                "repaired_scheme": {w: {subset_name(S, R): encode(q) for S, q in d.items()} for w, d in self.repaired.items()},
                "repaired_feasible": self.repaired_feasible, "repaired_value": encode(self.repaired_value),
                "repair_moves": self.moves}

    def claims(self, prefix: str = "externalities/") -> list[Claim]:
        """Each key of :meth:`to_dict` with what proves it.

        Parameters
        ----------
        prefix : str
            Prepended to the keys.

        Returns
        -------
        list of Claim
            Certified by the checker's enumeration, the reduced LP's certificate
            (``certificates/reduced_lp``) and LP-Binary's (``certificates/lp``); the move count is
            not certified (it describes the run).
        """
        red, lp = "certificates/reduced_lp", "certificates/lp"
        p = prefix
        return [certified(f"{p}positive_externalities", proves="Definition 6, by enumeration of every state, set and pair"),
                certified(f"{p}externality_witness", proves="a violation of Definition 6 (or null)"),
                certified(f"{p}monotone_sender", proves="f(S) <= f(S + i) everywhere, by enumeration"),
                certified(f"{p}monotone_witness", proves="a violation of monotonicity (or null)"),
                certified(f"{p}reduced_value", red, proves="the optimum of LP-Binary without (**), no payments"),
                certified(f"{p}alpha", red, proves="optimal duals of (*) in the reduced LP"),
                certified(f"{p}y", red, proves="optimal duals of the state rows (y_theta)"),
                certified(f"{p}lp_binary_value", lp, proves="the optimum of LP-Binary, no payments"),
                certified(f"{p}lemma4_holds", red, lp, proves="Lemma 4's conclusion on this instance: the two optima agree"),
                certified(f"{p}repaired_scheme", proves="a scheme (one distribution per state), the result of Lemma 4's moves from "
                          "the reduced optimum; the checker checks it is a scheme and the two keys below about it"),
                certified(f"{p}repaired_feasible", proves="(*) and (**) hold for the repaired scheme"),
                certified(f"{p}repaired_value", proves="the repaired scheme's value"),
                not_certified(f"{p}repair_moves", "a count describing the run")]


def _reduced_scheme(game: MultiReceiverGame, run: ColumnGeneration) -> dict[str, dict[frozenset, Fraction]]:
    t_sets = game.subsets()
    out: dict[str, dict[frozenset, Fraction]] = {w: {} for w in game.states}
    for k, v in enumerate(run.x[:len(game.states) * len(t_sets)]):
        if v:
            out[game.states[k // len(t_sets)]][t_sets[k % len(t_sets)]] = v
    return out


def lemma4(game: MultiReceiverGame, prior: Iterable[Any] | None = None, oracle: Oracle | None = None) -> Lemma4Result:
    """Appendix B's Lemma 4 on one instance (module doc), verified.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    prior : sequence, optional
        A prior instead of the game's.
    oracle : Oracle, optional
        The separation oracle for the reduced LP (:func:`separation_solve`).

    Returns
    -------
    Lemma4Result
        Hypotheses, both optima, the repair.

    >>> r = lemma4(positive_example(), ["1/4", "3/4"])
    >>> r.full_value, r.holds
    (Fraction(2, 1), True)
    """
    p = None if prior is None else tuple(check_prior(prior, game.states, where="--prior"))
    g = game if p is None else replace(game, prior=p)
    reduced = separation_solve(g, oracle)
    full = solve_binary(game, "none", p)
    repaired, moves = repair_star_star(g, _reduced_scheme(g, reduced))
    res = Lemma4Result(game, p, externality_violation(g), monotone_violation(g), reduced, full, repaired, moves)
    res.verify()
    return res


def separation_solve(game: MultiReceiverGame, oracle: Oracle | None = None) -> ColumnGeneration:
    """Proposition 9's reduction: the reduced LP (no (**), no payments) solved through a separation
    oracle ``argmax_S f(S) + sum alpha_i g_i(S)`` (column generation), proved exactly.

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).
    oracle : Oracle, optional
        ``(state, alpha, zeros) -> S``; default float proposals with exact re-checks. The answer is
        proved by the exact scan whatever the oracle returns.

    Returns
    -------
    ColumnGeneration
        With ``rounds`` and ``oracle_calls``.

    >>> from exactgame.persuasion.colgen import SetTables, brute_force_oracle
    >>> g = MultiReceiverGame.example()
    >>> run = separation_solve(g, brute_force_oracle(SetTables(g)))
    >>> run.value, run.oracle_calls > 0
    (Fraction(5, 3), True)
    """
    t = SetTables(game)
    run = column_generation(game, "none", star_star=False, oracle=oracle, tables=t)
    verify_run(game, "none", run, star_star=False, tables=t)
    return run


def in_conic_hull(h: Sequence[Any], generators: Sequence[Sequence[Any]]) -> tuple[bool, LPResult]:
    """Definition 7: is the set function ``h`` (its values on the ``2^N`` sets) in ``cone(f_1, ..., f_m)``?

    Decided by the LP ``h = sum_k w_k f_k, w >= 0``: optimal (the weights ``x``) or infeasible (a
    Farkas ray ``y`` with ``y . f_k >= 0`` for all ``k`` and ``y . h < 0``), either way certified.

    Parameters
    ----------
    h : sequence of numbers
        The function, one value per set.
    generators : sequence of sequences
        The ``f_k``, each as long as ``h``.

    Returns
    -------
    tuple
        ``(member, lp)``: the verdict and the certified LP.

    Raises
    ------
    InputError
        On lengths that differ or no generators.

    >>> in_conic_hull([0, 1, 2, 3], [[0, 1, 0, 1], [0, 0, 1, 1]])[0]      # 1 * f1 + 2 * f2
    True
    >>> in_conic_hull([0, -1, 0, -1], [[0, 1, 0, 1], [0, 0, 1, 1]])[0]
    False
    """
    if not generators or any(len(f) != len(h) for f in generators):
        raise InputError("in_conic_hull: give at least one generator, each with one value per set like h")
    A_eq = [[f[s] for f in generators] for s in range(len(h))]
    lp = solve_lp([0] * len(generators), A_eq=A_eq, b_eq=list(h))
    lp.certificate.verify()
    return lp.status == "optimal", lp


def _is_supermodular(values: Mapping[frozenset, Fraction], R: Sequence[str]) -> bool:
    for S, v in values.items():
        for a in R:
            for b in R:
                if a < b and a not in S and b not in S and values[S | {a}] + values[S | {b}] > values[S | {a, b}] + v:
                    return False
    return True


def _is_modular(values: Mapping[frozenset, Fraction], R: Sequence[str]) -> bool:
    base = values[frozenset()]
    return all(v - base == sum((values[frozenset({r})] - base for r in S), Fraction(0)) for S, v in values.items())


def cone_conditions(game: MultiReceiverGame, cone: str) -> dict[str, bool]:
    """Proposition 9's hypotheses for a named cone: ``f^theta`` and every ``g^theta_i`` in the cone,
    ``f`` monotone, positive externalities.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    cone : {"modular", "supermodular"}
        The cone of set functions (both are cones: closed under nonnegative combinations).

    Returns
    -------
    dict
        ``f_in_cone``, ``g_in_cone``, ``monotone_sender``, ``positive_externalities``.

    Raises
    ------
    InputError
        On an unknown cone.

    >>> cone_conditions(positive_example(), "supermodular")
    {'f_in_cone': True, 'g_in_cone': True, 'monotone_sender': True, 'positive_externalities': True}
    """
    if cone not in CONES:
        raise InputError(f"cone {cone!r} is not one of {', '.join(CONES)}")
    test = _is_modular if cone == "modular" else _is_supermodular
    R = game.receivers
    f_ok = all(test(game.sender[w], R) for w in game.states)
    g_ok = all(test({S: game.g(w, i, S) for S in game.subsets()}, R) for w in game.states for i in range(len(R)))
    return {"f_in_cone": f_ok, "g_in_cone": g_ok, "monotone_sender": monotone_violation(game) is None,
            "positive_externalities": externality_violation(game) is None}
