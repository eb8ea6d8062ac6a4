r"""Peer selection from a game file: Proposition 7 and the optimal DIC mechanism (Section 3.2).

000_2cf035f6c25283ea.txt, Section 3.2. A ``peer-selection`` file gives, per agent, the
principal's value :math:`u_i(\omega_i) \in [-1, 1]` of each type, the threshold ``t`` of the
ranking-based mechanism and (optionally) the prior over type profiles::

    kind = "peer-selection"
    threshold = "1"
    values = [{ lo = "-1/3", hi = "1/2" }, { lo = "1/5", hi = "3/4" }]   # agent1, agent2, ...
    [prior]                      # optional, "type1|type2|..." -> probability; default uniform
    "lo|lo" = "1/4"

``exactgame peer-selection FILE`` reports the ranking-based mechanism
(:func:`~exactgame.peer_selection.ranking_mechanism`: peer values, ranks, informational size
(33), Proposition 7's hypotheses, DIC (32), its efficiency, certified) and the **optimal DIC
mechanism**: the LP

.. math:: \max_\mu \sum_\omega p(\omega) \sum_{i} \mu(i\mid\omega)\, u_i(\omega_i) \quad\text{s.t.}\quad
   \mu(\cdot\mid\omega) \in \Delta A,\ \ \mu(i\mid\omega'_i, \omega_{-i}) - \mu(i\mid\omega_i,\omega_{-i}) \le 0
   \ \ \forall i, \omega_{-i}, \omega_i \ne \omega'_i

(the principal's expected payoff under (32)), solved exactly; its ``lp-optimal`` certificate
(primal and dual with equal objective) proves the value, and since the ranking-based mechanism
is DIC, also ``ranking_value <= optimal/value``.

*What (32) says.* Applied to both orders of a pair :math:`\omega_i, \omega'_i`, (32) gives equality:
a DIC mechanism gives agent ``i`` the good with a probability :math:`q_i(\omega_{-i})` that does
not depend on his own report. The principal's payoff is then
:math:`\sum_i \sum_{\omega_{-i}} p(\omega_{-i})\, q_i(\omega_{-i})\, u_i(\omega_{-i})` with the *peer
values* :math:`u_i(\omega_{-i}) = E[u_i \mid \omega_{-i}]`, subject to
:math:`\sum_i q_i(\omega_{-i}) \le 1` in every state. So an optimal mechanism never gives the good to
an agent whose peer value is negative (that mass can go to the principal instead), and the
ranking mechanism's use of peer values is what (32) forces.

*Comparison with the paper.* The paper (after (32), citing Niemeyer and Preusser 2024) says the
optimal mechanism is a convex combination of extreme DIC mechanisms, that for rich state spaces
essentially all extreme mechanisms are stochastic, and concludes that "randomization is an
inherent structural feature of optimal mechanisms". The LP answer is one optimal mechanism (the
solver's; whether it is a vertex of the DIC polytope is not certified); ``optimal/stochastic_states``
lists the states where it randomizes and ``optimal/efficient`` is Definition 2 for it, certified
like any outcome. Measured: in every small instance tried (2 to 4 agents, 2 or 3 types each,
random values and random correlated priors, 30 instances, and the two bundled examples) the
optimum found was *deterministic*, and in the two-agent example it is efficient while the
ranking mechanism is not. So on small type spaces an optimal DIC mechanism need not randomize;
the paper's claim is about extreme points of rich type spaces and is neither confirmed nor
refuted here (we did not search for instances whose optimum is unique and stochastic).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any, Mapping, Sequence

from .display.mixin import Displayable
from .efficiency import efficiency
from .errors import InputError, TooLargeError
from .games.files import get, register_kind, require_keys
from .games.model import Game, Outcome
from .geometry import solve_lp
from .geometry.lp import LPOptimalCertificate
from .numbers import fmt, to_fraction
from .peer_selection import PeerSelection, dic_violations, ranking_mechanism
from .results import Report, certified

__all__ = ["PeerSelectionGame", "OptimalDIC", "optimal_dic_mechanism", "dic_lp", "peer_selection_report",
           "MAX_DIC_COLUMNS"]

#: Largest number of LP variables (type profiles times actions) of the optimal-DIC LP.
MAX_DIC_COLUMNS = 6_000


@dataclass(frozen=True, repr=False)
class PeerSelectionGame(Displayable):
    """A ``peer-selection`` game file: values per agent and type, threshold, prior over type profiles.

    Attributes
    ----------
    values : tuple of dict
        ``values[i][type] = u_i(type)``, agents in order (``agent1``, ``agent2``, ...).
    threshold : Fraction
        ``t`` in (0, 1].
    prior : dict
        ``"t1|t2|..." -> probability`` over every type profile (product order of the types).

    >>> g = PeerSelectionGame.make([{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], "1")
    >>> g.prior["lo|hi"], g.canonical()["values"][0]
    (Fraction(1, 4), {'lo': '-1/3', 'hi': '1/2'})
    """

    values: tuple[dict[str, Fraction], ...]
    threshold: Fraction
    prior: dict[str, Fraction]

    @classmethod
    def make(cls, values: Sequence[Mapping[str, Any]], threshold: Any, prior: Mapping[str, Any] | None = None) -> "PeerSelectionGame":
        """Validate and coerce (the prior defaults to uniform over type profiles).

        Parameters
        ----------
        values : sequence of mapping
            per agent, type -> the principal's value.
        threshold : exact number
            ``t``.
        prior : mapping, optional
            ``"t1|t2|..." -> probability``; profiles left out have probability 0.

        Returns
        -------
        PeerSelectionGame
            the game.

        Raises
        ------
        InputError
            On a malformed table, an unknown profile in the prior, or a prior not summing to 1.
        """
        if not isinstance(values, (list, tuple)) or not all(isinstance(v, Mapping) for v in values):
            raise InputError("key 'values': expected a list of tables, one per agent: type -> value", where="values")
        vals = tuple({str(t): to_fraction(x, where=f"values[{i}].{t}") for t, x in v.items()} for i, v in enumerate(values))
        states = ["|".join(w) for w in product(*(list(v) for v in vals))]
        if any("|" in t for v in vals for t in v):
            raise InputError("key 'values': type names may not contain '|'", where="values")
        if prior is None:
            p = {w: Fraction(1, len(states)) for w in states} if states else {}
        else:
            if not isinstance(prior, Mapping):
                raise InputError("key 'prior': expected a table \"type1|type2|...\" -> probability", where="prior")
            unknown = [w for w in prior if w not in states]
            if unknown:
                raise InputError(f"key 'prior': unknown type profile {unknown[0]!r}", where="prior")
            p = {w: to_fraction(prior.get(w, 0), where=f"prior.{w}") for w in states}
            if any(q < 0 for q in p.values()) or sum(p.values()) != 1:
                raise InputError("key 'prior': probabilities must be >= 0 and sum to 1", where="prior")
        return cls(vals, to_fraction(threshold, where="threshold"), p)

    def type_sets(self) -> list[list[str]]:
        """Each agent's types, in file order.

        Returns
        -------
        list of list of str
            one list per agent.
        """
        return [list(v) for v in self.values]

    def instance(self) -> PeerSelection:
        """The ranking-based mechanism on this game (:func:`~exactgame.peer_selection.ranking_mechanism`).

        Returns
        -------
        PeerSelection
            the instance.
        """
        prior = {tuple(w.split("|")): q for w, q in self.prior.items()}
        return ranking_mechanism(self.type_sets(), list(self.values), self.threshold, prior)

    def canonical(self) -> dict[str, Any]:
        """The game-file structure with exact strings.

        Returns
        -------
        dict
            ``kind``, ``threshold``, ``values`` and ``prior`` (every type profile).
        """
        return {"kind": "peer-selection", "threshold": fmt(self.threshold),
                "values": [{t: fmt(x) for t, x in v.items()} for v in self.values],
                "prior": {w: fmt(q) for w, q in self.prior.items()}}


def _load(doc: Mapping[str, Any]) -> PeerSelectionGame:
    require_keys(doc, {"kind", "threshold", "values", "prior", "title", "source", "description"}, "file")
    return PeerSelectionGame.make(get(doc, "values", "peer-selection"), get(doc, "threshold", "peer-selection"), doc.get("prior"))


register_kind("peer-selection", _load)


def dic_lp(game: Game, type_sets: Sequence[Sequence[str]]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """The optimal-DIC LP of the module doc, as :func:`~exactgame.geometry.solve_lp` arguments.

    Columns are ``(state, action)`` in state order, actions ``keep, agent1, ...``; equality rows
    one per state; DIC rows, for each agent ``i``, others' types (product order), true type
    ``x`` and report ``y != x`` (type order): ``mu(i | y, rest) - mu(i | x, rest) <= 0``.

    Parameters
    ----------
    game : Game
        the peer-selection game (states ``t1|t2|...``).
    type_sets : sequence of sequence of str
        each agent's types.

    Returns
    -------
    tuple
        ``(columns, {"c", "A_ub", "b_ub", "A_eq", "b_eq", "maximize"})``.

    Raises
    ------
    TooLargeError
        beyond :data:`MAX_DIC_COLUMNS` variables.

    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    >>> cols, lp = dic_lp(inst.game, inst.type_sets())
    >>> len(cols), len(lp["A_eq"]), len(lp["A_ub"])      # 4 states x 3 actions; 2 agents x 2 others' types x 2 reports
    (12, 4, 8)
    """
    cols = [(w, a) for w in game.states for a in game.profiles]
    if len(cols) > MAX_DIC_COLUMNS:
        raise TooLargeError(f"optimal DIC mechanism: {len(cols)} LP variables, more than the limit {MAX_DIC_COLUMNS}")
    index = {c: j for j, c in enumerate(cols)}
    p = dict(zip(game.states, game.prior))
    c = [p[w] * game.payoffs[w][a][0] for w, a in cols]
    A_eq = [[Fraction(int(v == w)) for v, _ in cols] for w in game.states]
    A_ub = []
    for i, ts in enumerate(type_sets):
        agent = f"agent{i + 1}"
        for rest in product(*(t for j, t in enumerate(type_sets) if j != i)):
            def state(x: str) -> str:
                return "|".join(rest[:i] + (x,) + rest[i:])
            for x in ts:
                for y in ts:
                    if x != y:
                        row = [Fraction(0)] * len(cols)
                        row[index[(state(y), agent)]] = Fraction(1)
                        row[index[(state(x), agent)]] = Fraction(-1)
                        A_ub.append(row)
    return cols, {"c": c, "A_ub": A_ub, "b_ub": [0] * len(A_ub), "A_eq": A_eq, "b_eq": [1] * len(game.states), "maximize": True}


@dataclass(frozen=True, repr=False)
class OptimalDIC(Displayable):
    """The optimal DIC mechanism found by the LP, with its certificate.

    Attributes
    ----------
    outcome : Outcome
        one optimal mechanism.
    value : Fraction
        the principal's optimal expected payoff.
    certificate : LPOptimalCertificate
        primal and dual of :func:`dic_lp`.
    stochastic_states : tuple of str
        the states where it randomizes.

    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    >>> opt = optimal_dic_mechanism(inst)
    >>> opt.value, opt.certificate.verify()
    (Fraction(19, 40), True)
    """

    outcome: Outcome
    value: Fraction
    certificate: LPOptimalCertificate
    stochastic_states: tuple[str, ...]


def optimal_dic_mechanism(inst: PeerSelection) -> OptimalDIC:
    """Solve the optimal-DIC LP exactly (module doc).

    Parameters
    ----------
    inst : PeerSelection
        the instance (its game and type sets).

    Returns
    -------
    OptimalDIC
        the mechanism, its value and verified certificate.

    Raises
    ------
    TooLargeError
        beyond :data:`MAX_DIC_COLUMNS` LP variables.

    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    >>> optimal_dic_mechanism(inst).outcome.dist["hi|lo"]     # agent 2 has the higher peer value, 19/40
    {'agent2': Fraction(1, 1)}
    """
    cols, lp = dic_lp(inst.game, inst.type_sets())
    r = solve_lp(**lp)
    cert = r.optimality_certificate("optimal DIC mechanism")
    cert.verify()
    dist: dict[str, dict[str, Fraction]] = {w: {} for w in inst.game.states}
    for (w, a), q in zip(cols, cert.x):
        if q:
            dist[w][a] = q
    out = inst.game.make_outcome(dist)
    stoch = tuple(w for w in inst.game.states if len(out.support(w)) > 1)
    return OptimalDIC(out, sum((ci * xi for ci, xi in zip(lp["c"], cert.x)), Fraction(0)), cert, stoch)


def _lines(inst: PeerSelection, opt: OptimalDIC, rank_value: Fraction, eff, opt_eff) -> list[str]:
    n = len(inst.type_sets())
    lines = [f"peer selection: {n} agents, {len(inst.game.states)} type profiles, threshold t = {fmt(inst.threshold)}"]
    for w in inst.game.states:
        row = ", ".join(f"{a} {fmt(q)}" for a, q in inst.outcome.dist[w].items())
        lines.append(f"  {w}: peer values ({', '.join(fmt(x) for x in inst.peer_values[w])}), delta {fmt(inst.informational_size[w])}; "
                     f"ranking mechanism: {row}")
    lines.append(f"Proposition 7's hypotheses: {'hold' if inst.hypotheses_hold else 'fail: ' + '; '.join(inst.why_not[:3])}")
    lines.append(f"ranking mechanism: DIC (32) {'yes' if not dic_violations(inst.game, inst.outcome, inst.type_sets()) else 'no'}, "
                 f"efficient: {'yes' if eff.efficient else 'no'}, actions {eff.actions_taken} (Theorem 1 bound < {eff.bound}), "
                 f"principal's value {fmt(rank_value)}")
    lines.append(f"optimal DIC mechanism (LP): value {fmt(opt.value)}; randomizes in "
                 f"{len(opt.stochastic_states)} of {len(inst.game.states)} states; efficient: {'yes' if opt_eff.efficient else 'no'}, "
                 f"actions {opt_eff.actions_taken} (bound < {opt_eff.bound})")
    for w in inst.game.states:
        lines.append(f"  {w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in opt.outcome.dist[w].items()))
    return lines


def peer_selection_report(game: PeerSelectionGame) -> Report:
    """``exactgame peer-selection FILE``: the ranking mechanism and the optimal DIC mechanism.

    Parameters
    ----------
    game : PeerSelectionGame
        the file's game.

    Returns
    -------
    Report
        command ``peer-selection`` (keys in the README and :func:`exactgame.check.peer_selection.check_peer_selection`).

    Raises
    ------
    InputError
        as :func:`~exactgame.peer_selection.ranking_mechanism` (and a state of probability 0:
        efficiency needs an interior prior).

    >>> g = PeerSelectionGame.make([{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], "1")
    >>> r = peer_selection_report(g)
    >>> r.body["efficient"], r.body["optimal"]["value"], r.body["ranking_value"]
    (False, '19/40', '67/240')
    """
    inst = game.instance()
    eff = inst.efficiency()
    opt = optimal_dic_mechanism(inst)
    opt_eff = efficiency(inst.game, opt.outcome)
    rank_value = inst.game.payoff(inst.outcome)[0]
    body = inst.to_dict()
    body.update({
        "states": list(inst.game.states),
        "ranking_value": fmt(rank_value),
        "optimal": {"value": fmt(opt.value), "outcome": {w: {a: fmt(q) for a, q in opt.outcome.dist[w].items()}
                                                          for w in inst.game.states},
                    "stochastic_states": list(opt.stochastic_states), "efficient": opt_eff.efficient,
                    "actions_taken": opt_eff.actions_taken, "bound": opt_eff.bound},
        "ratio": fmt(rank_value / opt.value) if opt.value else None,
    })
    body["certificates"]["lp"] = opt.certificate.witness()
    body["certificates"]["optimal_efficiency"] = opt_eff.certificate.witness()
    claims = [certified("outcome", proves="the ranking-based mechanism's definition, recomputed by the checker"),
              certified("peer_values"), certified("ranks"), certified("informational_size"), certified("hypotheses_hold"),
              certified("why_not"), certified("threshold"), certified("states"),
              certified("dic", proves="(32) checked on every agent, report and others' types"),
              certified("efficient", "certificates/efficiency", proves="Definition 2 for the ranking mechanism"),
              certified("actions_taken"), certified("bound"),
              certified("ranking_value", proves="the principal's expected payoff under the ranking mechanism"),
              certified("optimal", "certificates/lp", "certificates/optimal_efficiency",
                        proves="the LP optimum over DIC mechanisms (primal-dual), its outcome, and its efficiency"),
              certified("ratio", "certificates/lp", proves="ranking value / optimal value (<= 1: the ranking mechanism is DIC)")]
    lines = _lines(inst, opt, rank_value, eff, opt_eff)
    return Report("peer-selection", game, {}, body, tuple(claims), tuple(lines))
