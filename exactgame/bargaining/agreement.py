r"""Beneficial agreements (002_b82d6ff4761a0a82.txt, Section 3).

A *beneficial agreement* is an IC structure that strictly improves every agent over the
disagreement payoffs ``d``. Existence is decided by the LP
:math:`\max\{t : E(u_i|\pi) - d_i \ge t\ \forall i,\ \pi\in\Pi\}`:

* :math:`t^* > 0`: the certificate is the structure itself (IC re-checked from the
  definition, payoffs strictly above ``d``);
* :math:`t^* \le 0`: **Ville's alternative** (Lemma 2): weights :math:`y \ge 0`, :math:`\sum y = 1`
  (the LP duals) with :math:`\sum_i y_i(u_i - d_i) \le 0` on all of :math:`\mathcal{B}`; the
  certificate carries the LP maximizing :math:`\sum_i y_i E(u_i|\pi)` over :math:`\Pi` with its own
  primal-dual certificate.

For state-independent preferences the prior-free tests are reported too, each with what
it shows: Theorem 1 (ii) (a lottery over receiver-optimal actions beating ``d``) and
(iii) (its Ville weights), Proposition 1 (``U y = 1``), Corollaries 1 and 2, the
winner-takes-the-most condition (4) of Proposition 2, and the coalition condition of
Theorem 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any, Mapping

from ..display.mixin import Displayable
from ..certificates import Certificate, decode_vector, encode, require
from ..errors import InternalError
from ..geometry.lp import LPProblem, solve_lp, solve_problem
from ..numbers import to_fraction, Vector
from .bargaining_set import _constraints, ic_lp, payoff_rows, structure_from_x
from .model import BargainingProblem, Structure

__all__ = ["AgreementResult", "BeneficialCertificate", "NoAgreementCertificate", "beneficial_agreement", "contradictions",
           "prior_free_tests", "rationalizable_actions"]



@dataclass(frozen=True)
class BeneficialCertificate(Certificate):
    """A beneficial agreement: an IC structure whose payoffs exceed ``d`` for every agent.

    :meth:`verify` re-checks it from the definitions: each row of ``structure`` is a distribution,
    the obedience constraints hold (:meth:`~.model.BargainingProblem.ic_violation`) and
    E(u_i | structure) > d_i for every agent i.

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> pi = {"left": {"L": 1}, "centre": {"L": Fraction(1, 8), "C": Fraction(3, 4), "R": Fraction(1, 8)},
    ...       "right": {"R": 1}}
    >>> BeneficialCertificate(prob, pi, prob.disagreement()).verify()
    True
    """

    kind = "beneficial-agreement"
    problem: BargainingProblem
    structure: Structure
    d: Vector

    def _check(self) -> None:
        p = self.problem
        for w in p.states:
            row = self.structure[w]
            require(all(q >= 0 for q in row.values()) and sum(row.values()) == 1, f"beneficial: pi(.|{w}) is not a distribution")
        require(p.ic_violation(self.structure) is None, f"beneficial: not IC ({p.ic_violation(self.structure)})")
        u = p.payoff(self.structure)
        require(all(x > y for x, y in zip(u, self.d)), "beneficial: some agent does not gain strictly")

    def _data(self):
        p = self.problem
        return {"structure": encode(self.structure), "d": encode(self.d), "payoff": encode(p.payoff(self.structure)),
                "problem": _problem_data(p)}

    @classmethod
    def _from_data(cls, d):
        prob = _problem_from_data(d["problem"])
        structure = {w: {a: to_fraction(x) for a, x in row.items()} for w, row in d["structure"].items()}
        return cls(prob, structure, decode_vector(d["d"], "d"))


@dataclass(frozen=True)
class NoAgreementCertificate(Certificate):
    """No beneficial agreement exists: Ville weights y >= 0 (sum 1) with max_B y . u <= y . d.

    ``lp`` is the LP certificate of max_pi sum_i y_i E(u_i | pi) over IC structures; :meth:`verify`
    rebuilds that LP from ``problem`` and ``weights`` (:func:`~.bargaining_set.ic_lp`) and requires
    the certificate's LP to be exactly it, re-checks the LP certificate, and that its optimum is at
    most y . d, so no point of B improves on ``d`` for every agent (Lemma 2, Ville's alternative).
    An LP of another problem is refused, however good its optimum.

    >>> from exactgame.bargaining.bargaining_set import ic_lp
    >>> from exactgame.bargaining.examples import guessing_agents
    >>> from exactgame.geometry.lp import solve_problem
    >>> prob = guessing_agents()
    >>> y = (Fraction(1, 2), Fraction(1, 2))
    >>> NoAgreementCertificate(prob, y, prob.disagreement(), solve_problem(ic_lp(prob, y)).certificate).verify()
    True
    """

    kind = "no-beneficial-agreement"
    problem: BargainingProblem
    weights: Vector
    d: Vector
    lp: Any  # LPOptimalCertificate of max y . E(u | pi) over Pi

    def _check(self) -> None:
        y = self.weights
        require(len(y) == len(self.problem.agents) and len(self.d) == len(self.problem.agents),
                "no-agreement: one weight and one disagreement payoff per agent")
        require(all(v >= 0 for v in y) and sum(y) == 1, "no-agreement: the weights are not a distribution")
        require(self.lp.problem == ic_lp(self.problem, y),
                "no-agreement: the LP is not max sum_i y_i E(u_i | pi) over the problem's IC structures")
        self.lp.verify()
        best = sum(c * x for c, x in zip(self.lp.problem.c, self.lp.x))
        require(best <= sum(a * b for a, b in zip(y, self.d)),
                "no-agreement: some IC structure gives a positive weighted surplus")

    def _data(self):
        return {"weights": encode(self.weights), "d": encode(self.d), "problem": _problem_data(self.problem),
                "lp": self.lp.to_dict()}

    @classmethod
    def _from_data(cls, d):
        from ..certificates import certificate_from_dict

        return cls(_problem_from_data(d["problem"]), decode_vector(d["weights"], "weights"), decode_vector(d["d"], "d"),
                   certificate_from_dict(d["lp"]))


def _problem_data(p: BargainingProblem) -> dict[str, Any]:
    """The problem's data a certificate carries (the disagreement payoffs travel separately)."""
    return {"states": list(p.states), "prior": encode(p.prior), "actions": list(p.actions), "agents": list(p.agents),
            "payoffs": {"receiver": encode(p.receiver), **{i: encode(p.payoffs[i]) for i in p.agents}}}


def _problem_from_data(q: Mapping[str, Any]) -> BargainingProblem:
    return BargainingProblem.make(q["states"], q["prior"], q["actions"], q["agents"], q["payoffs"], "full-information")


@dataclass(frozen=True, repr=False)
class AgreementResult(Displayable):
    """Whether a beneficial agreement exists, with the certificate either way.

    Attributes
    ----------
    beneficial : bool
        t* > 0.
    margin : Fraction
        t* = max over IC pi of min_i (E(u_i | pi) - d_i).
    structure, payoff : Structure and Vector, or None
        A beneficial agreement and its payoffs (when ``beneficial``).
    weights : Vector or None
        The Ville weights y (when not ``beneficial``).
    certificate : Certificate
        :class:`BeneficialCertificate` or :class:`NoAgreementCertificate`, already verified.
    tests : mapping
        :func:`prior_free_tests` for state-independent problems, else empty.

    >>> from exactgame.bargaining.examples import election
    >>> r = beneficial_agreement(election())
    >>> r.beneficial, r.margin, r.payoff
    (True, Fraction(1, 10), (Fraction(6, 5), Fraction(6, 5)))
    """

    beneficial: bool
    margin: Fraction
    structure: Structure | None
    payoff: Vector | None
    weights: Vector | None
    certificate: Certificate
    tests: Mapping[str, Any] = field(default_factory=dict)


def beneficial_agreement(prob: BargainingProblem) -> AgreementResult:
    """Decide whether a beneficial agreement exists (Section 3), with a certificate either way.

    Solves max t subject to E(u_i | pi) - d_i >= t for every agent over IC pi (t free). If t* > 0
    the maximiser is the agreement; otherwise the duals of the agents' rows, normalised to sum
    1, are Ville weights y, and the certified LP max_pi y . E(u | pi) is at most y . d.

    Parameters
    ----------
    prob : BargainingProblem
        The problem; ``d`` is its disagreement payoff.

    Returns
    -------
    AgreementResult
        The verdict, t*, the agreement or the Ville weights, the verified certificate, and for
        state-independent problems :func:`prior_free_tests` (an entry that contradicts the exact
        verdict gets ``contradicts_exact_lp`` and says so in ``shows``).

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> r = beneficial_agreement(guessing_agents())
    >>> r.beneficial, r.margin, r.weights
    (False, Fraction(0, 1), (Fraction(0, 1), Fraction(1, 1)))
    """
    d = prob.disagreement()
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    m = len(rows[0])
    zero = Fraction(0)
    # variables: pi (m), t+ , t- ; maximize t+ - t-; rows: t - E(u_i) <= -d_i
    c = [zero] * m + [Fraction(1), Fraction(-1)]
    ub = [r + [zero, zero] for r in A_ub] + [[-x for x in row] + [Fraction(1), Fraction(-1)] for row in rows]
    bub = list(b_ub) + [-x for x in d]
    eq = [r + [zero, zero] for r in A_eq]
    lp = solve_problem(LPProblem.make(c, ub, bub, eq, b_eq, maximize=True))
    if lp.value is None or lp.x is None or lp.dual_ub is None:  # pragma: no cover - full information is feasible, t is bounded
        raise InternalError(f"beneficial_agreement: the margin LP is {lp.status}")
    tests = prior_free_tests(prob, d) if prob.state_independent() else {}
    beneficial = lp.value > 0
    for key in contradictions(tests, beneficial):  # never silently print two verdicts
        tests[key]["contradicts_exact_lp"] = True
        tests[key]["shows"] += f" -- CONTRADICTED by the exact LP (beneficial agreement: {'yes' if beneficial else 'no'})"
    if lp.value > 0:
        pi = structure_from_x(prob, lp.x[:m])
        yes = BeneficialCertificate(prob, pi, d)
        yes.verify()
        return AgreementResult(True, lp.value, pi, prob.payoff(pi), None, yes, tests)
    y = tuple(lp.dual_ub[len(A_ub):])
    total = sum(y)
    y = tuple(v / total for v in y)
    best = solve_problem(ic_lp(prob, y))
    no = NoAgreementCertificate(prob, y, d, best.certificate)
    no.verify()
    return AgreementResult(False, lp.value, None, None, y, no, tests)


def rationalizable_actions(prob: BargainingProblem) -> list[str]:
    """The receiver's actions that are a best response at some belief.

    Action a_j is kept when the LP {mu in Delta(S) : sum_w mu(w) [u_r(a_k, w) - u_r(a_j, w)] <= 0
    for all k} is feasible (one exact LP per action).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.

    Returns
    -------
    list of str
        The rationalizable actions, in the file's order.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/2", "1/2"], ["a", "b", "never"], ["A"],
    ...     {"receiver": {"w1": [1, 0, 0], "w2": [0, 1, 0]}, "A": {"w1": [0, 0, 1], "w2": [0, 0, 1]}})
    >>> rationalizable_actions(prob)
    ['a', 'b']
    """
    out = []
    n = len(prob.states)
    for j, a in enumerate(prob.actions):
        A_ub = [[prob.receiver[w][k] - prob.receiver[w][j] for w in prob.states] for k in range(len(prob.actions)) if k != j]
        r = solve_lp([0] * n, A_ub=A_ub or None, b_ub=[0] * len(A_ub) or None, A_eq=[[1] * n], b_eq=[1])
        if r.status == "optimal":
            out.append(a)
    return out


def _full_information_disagreement(prob: BargainingProblem) -> bool:
    """Whether the disagreement structure reveals the state and the receiver's optimal action in
    every state is unique (full information, discrete)."""
    pi0 = prob.disagreement_structure()
    for t, w in enumerate(prob.states):
        best = prob.optimal_actions([Fraction(int(v == w)) for v in prob.states])
        if len(best) != 1 or pi0[w] != {best[0]: Fraction(1)}:
            return False
    # full revelation also needs distinct states to be told apart: two states recommending the same
    # action are pooled, which is still "full information" payoff-wise only if the posterior keeps
    # the same unique optimal action -- that is discreteness of pi0, checked by the caller
    return True


def _does_not_apply(reasons: list[str]) -> str:
    return "does not apply: " + "; ".join(reasons)


def prior_free_tests(prob: BargainingProblem, d: Vector) -> dict[str, Any]:
    """The state-independent results of Section 3, each applied only where its hypotheses hold.

    Every entry has ``applies`` (bool), ``hypotheses`` ({name: bool}) and ``shows`` (the verdict,
    or which hypothesis fails). Hypotheses, as in the paper: Assumption 1 (state independence) for
    all; Theorem 1 and Theorem 2 (proved through Theorem 1) need a discrete disagreement structure
    (Definition 1); Proposition 1 and Corollary 2 need A = {a(w)} and full-information disagreement
    and, through Theorem 1, discreteness; Proposition 2 needs Assumption 2 (winners and losers) and
    a full-information, discrete disagreement structure. Corollary 1 needs state independence only
    (a constant weighted sum is constant on all of B, d included).

    The tests decide what the paper's statements say on this game, with exact LPs where they
    need one (Theorem 1's lottery over rationalizable actions, Corollary 1's weights y >= 0,
    sum y = 1, y . u(a) constant in a); they carry no certificate, and
    :func:`beneficial_agreement` flags any that contradicts its exact verdict.

    Parameters
    ----------
    prob : BargainingProblem
        The problem; when it is not state independent every entry says it does not apply.
    d : Vector
        The disagreement payoffs, one per agent.

    Returns
    -------
    dict
        ``{"theorem_1", "corollary_1", "proposition_1", "corollary_2", "proposition_2",
        "theorem_2"}`` (in that order) to JSON-ready entries (exact numbers as strings where encoded).

    >>> from exactgame.bargaining.examples import winner_takes_all
    >>> prob = winner_takes_all()
    >>> t = prior_free_tests(prob, prob.disagreement())
    >>> t["theorem_1"]["lottery_margin"], t["proposition_2"]["winner_takes_the_most"]
    ('0', True)
    >>> t["proposition_2"]["shows"]
    'no beneficial agreement (the winner takes the most)'
    """
    N = prob.agents
    n = len(N)
    out: dict[str, Any] = {}
    indep = prob.state_independent()
    if not indep:
        reason = "the agents' payoffs depend on the state (Assumption 1 fails)"
        for key in ("theorem_1", "corollary_1", "proposition_1", "corollary_2", "proposition_2", "theorem_2"):
            out[key] = {"applies": False, "hypotheses": {"state_independence": False}, "shows": _does_not_apply([reason])}
        return out
    w0 = prob.states[0]
    u = {a: tuple(prob.payoffs[i][w0][prob.actions.index(a)] for i in N) for a in prob.actions}
    acts = rationalizable_actions(prob)
    discrete = prob.is_discrete(prob.disagreement_structure())
    out["theorem_1"] = _theorem_1(u, acts, d, n, discrete)
    out["corollary_1"], constant = _corollary_1(prob, u, n)
    full_info = _full_information_disagreement(prob)
    full_actions = {prob.optimal_actions([Fraction(int(v == w)) for v in prob.states])[0] for w in prob.states}
    covers = full_actions == set(prob.actions)
    hyp1 = {"state_independence": True, "A = {a(w)}": covers, "full_information_disagreement": full_info,
            "discrete_disagreement": discrete}
    fails1 = ([] if covers else ["some action is not the receiver's full-information choice in any state (A = {a(w)} fails)"]) + \
             ([] if full_info else ["the disagreement structure is not full information with a unique optimal action per state"]) + \
             ([] if discrete else [_NOT_DISCRETE])
    out["proposition_1"] = _proposition_1(prob, u, n, hyp1, fails1, constant)
    generic = len(prob.actions) - 1 >= n
    out["corollary_2"] = {"applies": not fails1 and generic, "hypotheses": {**hyp1, "k-1 >= n": generic}, "k-1 >= n": generic,
                          "shows": "for generic payoffs a beneficial agreement exists (a statement about generic games; "
                                   "this game's answer is Proposition 1's)" if not fails1 and generic
                          else _does_not_apply(fails1 + ([] if generic else ["k - 1 < n"]))}
    out["proposition_2"] = _proposition_2(prob, u, n, covers, full_info, discrete)
    out["theorem_2"] = _theorem_2(u, acts, d, n, discrete)
    return out


_NOT_DISCRETE = "the disagreement structure is not discrete (Definition 1: some induced posterior has several optimal actions)"


def _theorem_1(u: Mapping[str, Vector], acts: list[str], d: Vector, n: int, discrete: bool) -> dict[str, Any]:
    """Theorem 1 (ii): a lottery over receiver-optimal actions beating d; (iii) otherwise Ville weights."""
    zero = Fraction(0)
    k = len(acts)
    c = [zero] * k + [Fraction(1), Fraction(-1)]
    A_ub = [[-u[a][i] for a in acts] + [Fraction(1), Fraction(-1)] for i in range(n)]
    r = solve_lp(c, A_ub=A_ub, b_ub=[-x for x in d], A_eq=[[1] * k + [0, 0]], b_eq=[1], maximize=True)
    if r.value is None or r.x is None:  # pragma: no cover - a lottery always exists and t is bounded by the payoffs
        raise InternalError(f"prior_free_tests: Theorem 1's lottery LP is {r.status}")
    return {
        "applies": discrete,
        "hypotheses": {"state_independence": True, "discrete_disagreement": discrete},
        "lottery_margin": encode(r.value),
        "lottery": {a: encode(x) for a, x in zip(acts, r.x[:k]) if x},
        "shows": ("a beneficial agreement exists (a lottery over receiver-optimal actions beats d)" if r.value > 0
                  else "no beneficial agreement: Ville weights make every optimal action's weighted surplus <= 0")
        if discrete else _does_not_apply([_NOT_DISCRETE]),
    }


def _corollary_1(prob: BargainingProblem, u: Mapping[str, Vector], n: int) -> tuple[dict[str, Any], bool]:
    """Corollary 1: y >= 0, sum 1, y . u(a) constant across all actions; (entry, whether such y exists)."""
    rowsC = [[u[a][i] - u[prob.actions[0]][i] for i in range(n)] for a in prob.actions[1:]]
    rc = solve_lp([0] * n, A_eq=rowsC + [[1] * n], b_eq=[0] * len(rowsC) + [1])
    constant = rc.status == "optimal"
    return {"applies": True, "hypotheses": {"state_independence": True},
            "weights": encode(rc.x) if constant else None,
            "shows": "no beneficial agreement (a weighted sum of payoffs is constant across actions)"
            if constant else "inconclusive (no such weights; Corollary 1 is only sufficient)"}, constant


def _proposition_1(prob: BargainingProblem, u: Mapping[str, Vector], n: int, hyp1: dict[str, bool],
                   fails1: list[str], constant: bool) -> dict[str, Any]:
    """Proposition 1: beneficial iff no y >= 0, y != 0 with y . u(a) constant (Corollary 1's LP);
    for nonnegative payoffs this is the system U y = 1, y >= 0."""
    prop1: dict[str, Any] = {"applies": not fails1, "hypotheses": hyp1, "constant_weighted_sum": constant}
    if not fails1:
        prop1["shows"] = "no beneficial agreement" if constant else "a beneficial agreement exists"
        if all(x >= 0 for v in u.values() for x in v):
            rp = solve_lp([0] * n, A_eq=[list(u[a]) for a in prob.actions], b_eq=[1] * len(prob.actions))
            prop1["Uy=1, y>=0 solvable"] = rp.status == "optimal"
    else:
        prop1["shows"] = _does_not_apply(fails1)
    return prop1


def _proposition_2(prob: BargainingProblem, u: Mapping[str, Vector], n: int, covers: bool, full_info: bool,
                   discrete: bool) -> dict[str, Any]:
    """Proposition 2 (Assumption 2: winners and losers, then condition (4))."""
    N = prob.agents
    acts_all = list(prob.actions)
    winner_of = {}
    for a in acts_all:
        top = max(u[a])
        who = [i for i in range(n) if u[a][i] == top]
        winner_of[a] = who[0] if len(who) == 1 else None
    bijection = len(acts_all) == n == len(prob.states) and covers and sorted(w for w in winner_of.values() if w is not None) == list(range(n))
    fails2 = ([] if bijection else ["Assumption 2 fails (n states, n actions, each action the full-information choice in one "
                                    "state and each agent the strict winner of exactly one action)"]) + \
             ([] if full_info else ["the disagreement structure is not full information with a unique optimal action per state"]) + \
             ([] if discrete else [_NOT_DISCRETE])
    entry2: dict[str, Any] = {"applies": not fails2, "hypotheses": {"state_independence": True, "assumption_2": bijection,
                                                                    "full_information_disagreement": full_info,
                                                                    "discrete_disagreement": discrete}}
    if bijection:
        a_of = {winner_of[a]: a for a in acts_all}
        cond4 = True
        for i in range(n):
            others = [a_of[j] for j in range(n) if j != i]
            sb = max(u[a][i] for a in others)
            lhs = sum(sb - u[a][i] for a in others)
            cond4 = cond4 and 0 <= lhs < u[a_of[i]][i] - sb
        entry2.update({"winners_and_losers": True, "winner_takes_the_most": cond4,
                       "matching": {N[i]: a_of[i] for i in range(n)}})
        if not fails2:
            entry2["shows"] = "no beneficial agreement (the winner takes the most)" if cond4 else \
                "inconclusive: condition (4) fails (Proposition 2 is only sufficient)"
    else:
        entry2["winners_and_losers"] = False
    if fails2:
        entry2["shows"] = _does_not_apply(fails2)
    return entry2


def _theorem_2(u: Mapping[str, Vector], acts: list[str], d: Vector, n: int, discrete: bool) -> dict[str, Any]:
    """Theorem 2: some coalition size k with a good action for every coalition of that size."""
    surplus = {a: [u[a][i] - d[i] for i in range(n)] for a in acts}
    found = None
    for size in range(1, n + 1):
        ok = True
        for phi in combinations(range(n), size):
            if not any(all((s[i] > 0) if i in phi else (s[i] < 0) for i in range(n)) and sum(s) > 0 for s in surplus.values()):
                ok = False
                break
        if ok:
            found = size
            break
    return {"applies": discrete, "hypotheses": {"state_independence": True, "discrete_disagreement": discrete},
            "coalition_size": found,
            "shows": (f"a beneficial agreement exists (coalitions of size {found})" if found else
                      "inconclusive: no coalition size satisfies the condition (Theorem 2 is only sufficient)")
            if discrete else _does_not_apply([_NOT_DISCRETE + ", which Theorem 2 needs through Theorem 1"])}


def contradictions(tests: Mapping[str, Any], beneficial: bool) -> list[str]:
    """The prior-free tests that apply and contradict the exact LP's verdict.

    Such a test is a counterexample to the paper's statement or a bug; :func:`beneficial_agreement`
    marks it instead of printing two verdicts.

    Parameters
    ----------
    tests : mapping
        :func:`prior_free_tests`' entries (each with ``applies`` and ``shows``).
    beneficial : bool
        The exact verdict (t* > 0).

    Returns
    -------
    list of str
        The keys of applying tests whose ``shows`` starts with the opposite verdict.

    >>> contradictions({"theorem_1": {"applies": True, "shows": "no beneficial agreement: Ville weights"},
    ...                 "theorem_2": {"applies": False, "shows": "a beneficial agreement exists"}}, True)
    ['theorem_1']
    """
    out = []
    for key, t in tests.items():
        if not t.get("applies"):
            continue
        shows = t.get("shows", "")
        says_yes = shows.startswith("a beneficial agreement exists")
        says_no = shows.startswith("no beneficial agreement")
        if (says_yes and not beneficial) or (says_no and beneficial):
            out.append(key)
    return out
