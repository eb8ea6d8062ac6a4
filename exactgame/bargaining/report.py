r"""The ``bargain`` result document: every answer with the certificate that proves it.

The document keeps the interface contract's keys (``disagreement``, ``beneficial``, ``ideal``,
``egalitarian``, ``kalai_smorodinsky``, ``nash``, each ``{agent: value}``) and carries witnesses
that :mod:`exactgame.check.bargaining` checks against the IC polytope rebuilt from the game:
LP witnesses for the ideal point, the egalitarian and Kalai-Smorodinsky rays, the Ville
weights, and for a rational Nash point the KKT linear program
:math:`\max_{\pi\in\Pi} g\cdot E(u|\pi)` with :math:`g_i = \alpha_i/(u^*_i - d_i)` (its optimum equals
:math:`g\cdot u^*`: the first-order condition of the concave log Nash product over the convex set B).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..certificates import encode
from ..errors import InputError, InternalError
from ..numbers import fmt, to_vector
from ..results import Claim, FigureSpec, Report, certified, not_certified
from .model import BargainingProblem

__all__ = ["bargain_document"]


def _json_number(x: Any) -> Any:
    """An exact number as the document's string; an algebraic Nash point's coordinate as sympy text."""
    return encode(x) if isinstance(x, (int, Fraction)) else str(x)


def _per_agent(agents: Sequence[str], v: Sequence[Any] | None) -> dict[str, Any] | None:
    """``{agent: number}`` for a payoff vector (None stays None)."""
    return None if v is None else {a: _json_number(x) for a, x in zip(agents, v)}


def bargain_document(prob: BargainingProblem, res: Mapping[str, Any], weights: Sequence[Fraction] | None) -> tuple[dict, list[Claim]]:
    """The body of the document and its claims, from :func:`exactgame.bargaining.solve_bargaining`'s answer.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    res : mapping
        :func:`~exactgame.bargaining.solve.solve_bargaining`'s answer (or the mapping it reads as).
    weights : sequence of Fraction or None
        The Nash weights used (None: all 1).

    Returns
    -------
    tuple
        ``(body, claims)``: the answer keys (``disagreement``, ``beneficial_agreement_exists``,
        ``ideal``, ``egalitarian``, ``kalai_smorodinsky``, ``nash``, ``structures``, ``pareto``,
        ``certificates``, ...; ``{agent: exact string}`` per payoff vector), and for each key
        whether it is certified and by which certificate.

    >>> from exactgame.bargaining.solve import solve_bargaining
    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> body, claims = bargain_document(prob, solve_bargaining(prob, build_set=False), None)
    >>> body["disagreement"], body["nash"], body["certificates"]["nash"]["certificate"]
    ({'A': '0', 'B': '2/3'}, {'A': '1/3', 'B': '1'}, 'nash-kkt')
    """
    N = prob.agents
    ag, B = res["agreement"], res["set"]
    alpha = tuple(weights) if weights is not None else (Fraction(1),) * len(N)
    certs: dict[str, Any] = {"ideal": {i: lp.certificate.witness() for i, lp in zip(N, res["ideal_lps"])}}
    if ag.beneficial:
        certs["agreement"] = {"certificate": "beneficial-agreement", "structure": "beneficial_structure"}
    else:
        certs["agreement"] = {"certificate": "no-beneficial-agreement", "lp": ag.certificate.lp.witness()}
    claims = [certified("disagreement", proves="the disagreement structure's payoffs"),
              certified("disagreement_discrete", proves="Definition 1 at every posterior the disagreement structure induces"),
              certified("beneficial_agreement_exists", "certificates/agreement",
                        proves="an IC structure improving every agent, or Ville weights with a certified maximum <= y . d"),
              certified("beneficial", "certificates/agreement"), certified("beneficial_structure", "certificates/agreement"),
              certified("ideal", "certificates/ideal", proves="each agent's certified maximum over IC structures")]
    if not ag.beneficial:
        claims.append(certified("ville_weights", "certificates/agreement"))
    structures: dict[str, Any] = {}
    for k in ("egalitarian", "kalai_smorodinsky"):
        sol = res[k]
        if sol.certificate is not None:
            certs[k] = sol.certificate.witness()
        structures[k] = encode(sol.structure) if sol.structure else None
        claims.append(certified(k, *([f"certificates/{k}"] if sol.certificate is not None else []),
                                proves="the certified largest t on the ray from d" if sol.certificate is not None
                                else "d: the ideal point equals d, nobody can gain"))
    nash = res["nash"]
    claims += _nash_claims(res, alpha, certs, structures)
    pareto = _pareto_tests(res, N, certs, claims)
    claims.append(not_certified("prior_free_tests", "the paper's propositions applied to the game; no certificate"))
    if B is not None:
        claims.append(not_certified("bargaining_set", "vertices grown by an LP oracle; their LP certificates are not in the document"))
    body = {
        "agents": list(N),
        "disagreement": _per_agent(N, res["d"]),
        "disagreement_discrete": prob.is_discrete(prob.disagreement_structure()),
        "beneficial_agreement_exists": ag.beneficial,
        "beneficial": _per_agent(N, ag.payoff),
        "beneficial_structure": encode(ag.structure) if ag.structure else None,
        "ville_weights": _per_agent(N, ag.weights),
        "prior_free_tests": ag.tests,
        "ideal": _per_agent(N, res["ideal"]),
        "egalitarian": _per_agent(N, res["egalitarian"].payoff),
        "kalai_smorodinsky": _per_agent(N, res["kalai_smorodinsky"].payoff),
        "nash": _per_agent(N, nash.payoff),
        "structures": structures,
        "notes": {k: res[k].note for k in ("egalitarian", "kalai_smorodinsky", "nash") if res[k].note},
        "pareto": pareto,
        "certificates": certs,
    }
    if B is not None:
        body["bargaining_set"] = {"vertices": encode(B.polytope.vertices), "lp_calls": B.lp_calls,
                                  "pareto_facets": [encode(F.vertices) for F in res.get("frontier", [])]}
    return body, claims


def _nash_claims(res: Mapping[str, Any], alpha: tuple[Fraction, ...], certs: dict[str, Any],
                 structures: dict[str, Any]) -> list[Claim]:
    """The Nash point's structure and certificate (added to ``structures`` and ``certs``) and its
    claims: one branch per kind of certificate (rational KKT, d by Ville weights, d by the
    disagreement certificate, algebraic, other, none)."""
    ag, nash = res["agreement"], res["nash"]
    claims: list[Claim] = []
    structures["nash"] = encode(nash.structure) if nash.structure else None
    kkt = nash.certificate if getattr(nash.certificate, "kind", None) == "nash-bargaining" else None
    if kkt is not None:  # the rational point's own KKT certificate: its LP is nash_lp(g), witnesses only
        certs["nash"] = {"certificate": "nash-kkt", "gradient": encode(kkt.gradient), "lp": kkt.lp.witness()}
        claims += [certified("nash", "certificates/nash", proves="the maximizer of the (weighted) Nash product over B, by "
                             "the first-order condition over the IC polytope"), certified("structures/nash", "certificates/nash")]
    elif nash.payoff is not None and tuple(nash.payoff) == tuple(res["d"]) and all(alpha) and not ag.beneficial:
        claims.append(certified("nash", "certificates/agreement", proves="d: no point of B improves on d for every agent "
                                "(Ville weights), so the Nash product is 0 on B"))
        if nash.structure:
            claims.append(certified("structures/nash", proves="the disagreement structure, which attains d"))
    elif getattr(nash.certificate, "kind", None) == "nash-bargaining-disagreement":
        certs["nash"] = nash.certificate.witness()
        claims.append(certified("nash", "certificates/nash", proves="d: no IC structure gives every positive-weight agent more "
                                "than d while the others keep d (Ville weights on them), so the Nash product is 0 on B"))
        if nash.structure:
            claims.append(certified("structures/nash", proves="the disagreement structure, which attains d"))
    elif getattr(nash.certificate, "kind", None) == "nash-bargaining-algebraic":
        certs["nash"] = nash.certificate.witness()
        claims += _algebraic_nash_claims(nash.certificate.degree)
    elif nash.payoff is not None:
        if nash.certificate is not None:
            certs["nash"] = nash.certificate.to_dict()
        why = ("the Nash point is not a rational point improving on d with an IC structure; its certificate is checked "
               "by exactgame.bargaining (exact algebraic arithmetic), not by the independent checker")
        claims += [not_certified("nash", why), not_certified("structures/nash", why)]
        if "nash" in certs:
            claims.append(not_certified("certificates/nash", why))
    else:
        claims.append(not_certified("nash", nash.note or "not computed"))
    return claims


def _algebraic_nash_claims(degree: int) -> list[Claim]:
    """The claims of an algebraic Nash point in a number field of this degree (quadratic points are
    read and compared exactly from their text; higher degrees only through certificates/nash)."""
    claims: list[Claim] = []
    proves = ("the maximizer of the (weighted) Nash product over B, by the first-order condition over the IC "
              "polytope in the number field Q(theta) of certificates/nash")
    if degree == 2:
        claims.append(certified("nash", "certificates/nash", proves=proves + " (each text read and compared exactly)"))
    else:
        claims += [not_certified("nash", f"a display of algebraic numbers of degree {degree}; the exact "
                                         "point is certificates/nash (coordinates in Q(theta))"),
                   certified("certificates/nash", proves=proves)]
    claims.append(certified("structures/nash", "certificates/nash",
                            proves="a rational IC structure whose payoffs lie within certificates/nash/distance of the point"))
    return claims


def _pareto_tests(res: Mapping[str, Any], agents: Sequence[str], certs: dict[str, Any], claims: list[Claim]) -> dict[str, Any]:
    """Each solution's exact Pareto test (its LP witness added to ``certs["pareto"]``, its claim to
    ``claims``), as ``{solution: {"efficient", "dominating"}}``."""
    pareto = {}
    for k in ("egalitarian", "kalai_smorodinsky", "nash"):
        test = getattr(res[k], "pareto", None)
        if test is None or test.lp is None or test.lp.status != "optimal":
            continue
        certs.setdefault("pareto", {})[k] = test.lp.certificate.witness()
        pareto[k] = {"efficient": test.efficient, "dominating": _per_agent(agents, test.point)}
    if pareto:
        claims.append(certified("pareto", "certificates/pareto", proves="for each solution, the certified maximum of the "
                                "sum of payoffs over IC structures giving everyone at least as much: efficient iff no gain"))
    return pareto


def bargain(prob: BargainingProblem, weights: Sequence[Any] | None = None, *, build_set: bool = False,
            plot: str | None = None, selection: bool = False, structure: Any = None,
            price_discrimination: bool = False) -> Report:
    """The ``bargain`` subcommand as a Python call: every solution, certified, as a :class:`Report`.

    ``weights`` are the Nash weights (nonnegative, not all zero; default all 1); ``build_set``
    also grows the bargaining set B (implied by ``plot``, a figure file for two agents).
    ``selection`` adds Section 4.1 (Definition 2, endorsement rules, robustness to ex-post
    deviations, Theorem 3) for the disagreement structure, each solution's and ``structure`` (an
    information structure to examine, ``{state: {action: probability}}``). ``price_discrimination``
    adds Propositions 3-4 of Section 3.3 (the problem must be of that form).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    weights : sequence of numbers, optional
        The Nash weights alpha (default all 1).
    build_set : bool, optional
        Also grow and verify the bargaining set B (default False).
    plot : str, optional
        A figure file for the bargaining set of two agents (implies ``build_set``).
    selection : bool, optional
        Add Section 4.1's checks.
    structure : mapping, optional
        An information structure to examine in Section 4.1's checks (implies ``selection``).
    price_discrimination : bool, optional
        Add Propositions 3-4 of Section 3.3.

    Returns
    -------
    Report
        The document body, its claims and the text lines of ``exactgame bargain``.

    Raises
    ------
    InputError
        Invalid weights, ``plot`` with other than two agents, an invalid ``structure``, or
        ``price_discrimination`` on a problem not of Section 3.3's form.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> rep = bargain(prob)
    >>> rep.lines[0]
    'agents: A, B; disagreement no-information gives d = (0, 2/3)'
    >>> rep.lines[-1]
    'nash: (1/3, 1)'
    """
    from .solve import solve_bargaining

    if weights is not None:
        weights = to_vector(weights, where="--weights")
        if len(weights) != len(prob.agents) or any(w < 0 for w in weights) or not any(weights):
            raise InputError(f"--weights: give {len(prob.agents)} nonnegative numbers, not all zero (alpha in Delta(N), up to scale)")
    if plot and len(prob.agents) != 2:
        raise InputError(f"--plot draws the bargaining set of two agents; this game has {len(prob.agents)}")
    build = bool(build_set or plot)
    res = solve_bargaining(prob, weights, build_set=build)
    if build:
        if res.bargaining_set is None:  # pragma: no cover - solve_bargaining builds it when asked
            raise InternalError("bargain: the bargaining set was asked for and not built")
        res.bargaining_set.verify()
    doc, claims = bargain_document(prob, res, weights)
    lines = _text(prob, res, doc)
    if selection or structure is not None:
        _selection(prob, res, structure, doc, claims, lines)
    if price_discrimination:
        _privacy(prob, res, doc, claims, lines)
    figure = None
    if plot:
        figure = FigureSpec("plot_bargaining", {"result": res, "problem": prob}, plot)
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    return Report("bargain", prob, {"weights": weights}, doc, tuple(claims), tuple(lines), figure=figure)


def _selection(prob: BargainingProblem, res: Mapping[str, Any], structure: Any, doc: dict, claims: list, lines: list) -> None:
    """Section 4.1 of 002_b82d6ff4761a0a82.txt on this problem (see :func:`.selection.selection_report`)."""
    from .selection import read_structure, selection_report

    given = None if structure is None else read_structure(structure, prob, "--structure")
    candidates = {"disagreement": prob.disagreement_structure(), "given": given,
                  **{k: res[k].structure for k in ("egalitarian", "kalai_smorodinsky")}}
    if res["nash"].payoff is not None and all(isinstance(x, Fraction) for x in res["nash"].payoff):
        candidates["nash"] = res["nash"].structure
    rep = selection_report(prob, candidates)
    doc["selection"] = encode(rep)
    claims.append(not_certified("selection", "decided exactly by exactgame.bargaining.selection (eq. (7) by certified LPs "
                                             "at each posterior); the independent checker does not rebuild these checks"))
    d2 = rep["definition_2"]
    lines.append("selection environment (Definition 2): " + ("holds" if d2["holds"] else "FAILS: " + "; ".join(d2["failures"])))
    for name, row in rep["structures"].items():
        lines.append(f"  {name}: endorsement rule {'-' if row['endorsement_rule'] is None else ('yes' if row['endorsement_rule'] else 'no')}"
                     f", robust to ex-post deviations {'yes' if row['robust_to_ex_post'] else 'no (' + row['deviation'] + ')'}"
                     f"; Theorem 3: {row['theorem_3']}")


def _privacy(prob: BargainingProblem, res: Mapping[str, Any], doc: dict, claims: list, lines: list) -> None:
    """Propositions 3-4 of 002_b82d6ff4761a0a82.txt, Section 3.3 (see :func:`.privacy.propositions_3_4`)."""
    from .privacy import propositions_3_4

    rep = propositions_3_4(prob, {"disagreement": prob.disagreement_structure(), "full_information": prob.full_information(),
                                  **{k: res[k].structure for k in ("egalitarian", "kalai_smorodinsky")},
                                  **({"nash": res["nash"].structure} if res["nash"].structure else {})})
    doc["price_discrimination"] = encode(rep)
    claims.append(not_certified("price_discrimination", "decided exactly by exactgame.bargaining.privacy (Pareto tests by "
                                                        "certified LPs); the independent checker does not rebuild these checks"))
    for name, row in rep["proposition_3"].items():
        lines.append(f"Proposition 3, {name}: trade probability {fmt(row['trade_probability'])}, Pareto efficient "
                     f"{'yes' if row['pareto_efficient'] else 'no'}: {row['proposition_3']}")
    p4 = rep["proposition_4"]
    ic = sum(c["ic"] for c in p4["category_structures"])
    ben = sum(c["beneficial"] for c in p4["category_structures"])
    lines.append(f"Proposition 4 {p4['case']}: v P(value >= v) {'is' if p4['revenue_decreasing'] else 'is not'} weakly "
                 f"decreasing; {ic} of {len(p4['category_structures'])} category structures IC, {ben} beneficial: "
                 f"{'holds' if p4['holds'] else 'VIOLATED'}")


def _show(v: Sequence[Any] | None) -> str:
    """A payoff vector as text, ``(p/q, ...)``; an algebraic coordinate as sympy text; None as ``-``."""
    return "-" if v is None else "(" + ", ".join(fmt(x) if isinstance(x, (int, Fraction)) else str(x) for x in v) + ")"


def _text(prob: BargainingProblem, res: Mapping[str, Any], doc: dict) -> list[str]:
    """The readable lines of ``exactgame bargain``."""
    show = _show
    ag, B = res["agreement"], res["set"]
    spec = prob.disagreement_spec if isinstance(prob.disagreement_spec, str) else "table"
    lines = [f"agents: {', '.join(prob.agents)}; disagreement {spec} gives d = {show(res['d'])}"
             + ("" if doc["disagreement_discrete"] else " (not discrete)"),
             (f"bargaining set: {len(B.polytope.vertices)} vertices (found with {B.lp_calls} LPs over the IC polytope)"
              if B is not None else "bargaining set: not computed (add --set)")]
    if ag.beneficial:
        lines.append(f"beneficial agreement: yes, e.g. payoffs {show(ag.payoff)} (every agent gains at least {fmt(ag.margin)})")
    else:
        lines.append(f"beneficial agreement: no; Ville weights y = {show(ag.weights)} make sum y_i (u_i - d_i) <= 0 on B")
    for k, t in ag.tests.items():
        lines.append(f"  {k.replace('_', ' ')}: {t['shows']}")
    lines.append(f"ideal point: {show(res['ideal'])}")
    for k in ("egalitarian", "kalai_smorodinsky", "nash"):
        sol = res[k]
        lines.append(f"{k.replace('_', '-')}: {show(sol.payoff)}" + (f"  ({sol.note})" if sol.note else ""))
    return lines
