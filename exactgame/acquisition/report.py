"""The ``acquisition`` subcommand: implementability, correlation structure, subsidy minimization.

What is computed depends on the file: with ``alpha`` and ``transfers``, each player's
implementability (multipliers or a profitable deviation) and the Proposition's check;
with ``alpha`` only, the correlation structure and, when the structure is essentially
perfectly correlated, the merged structure with the prescribed transfers; without
``alpha`` (or with ``--subsidy``), the minimal subsidy for efficient trade: for two states the
certified supremum of :mod:`~exactgame.acquisition.supremum`, for three to five a certified
enclosure (:mod:`~exactgame.acquisition.simplex`).

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
>>> doc, text = run_acquisition(g)
>>> doc["subsidy"]["case"], doc["subsidy"]["claims"]["no_gross_full_surplus_extraction"]
('no information', True)
>>> doc["claims"]["subsidy/revenue"]["status"], doc["claims"]["subsidy/upper_bound_perfectly_correlated"]["status"]
('conditional', 'certified')

Every answer key gets a claim (:mod:`exactgame.results`): ``certified`` by the named
certificates, ``conditional`` on the slides' Corollary (perfect correlation is without loss,
resting on their Proposition) for statements about *all* mechanisms, or ``not certified``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..certificates import Certificate
from ..errors import InternalError
from ..logexp import Enclosure
from ..numbers import decimal_str, fmt
from ..results import Claim, FigureSpec, Report, certified, conditional, not_certified
from .correlation import CorrelationStructure, correlation_structure, merge_equal_posteriors
from .implementability import Implementability, check_implementability
from .mechanism import prescribed_mechanism
from .model import BUYER, SELLER, AcquisitionGame
from .subsidy import SubsidyResult, minimize_subsidy
from .supremum import DEFAULT_EPS, PROPOSITION

__all__ = ["acquisition", "run_acquisition", "subsidy_claims"]


def _enc(e: Enclosure) -> dict[str, str]:
    """An enclosure as exact ends and a 15-digit decimal."""
    return {"lo": fmt(e.lo), "hi": fmt(e.hi), "decimal": e.decimal(15)}


def _na_enclosure(r: Implementability) -> Enclosure:
    """The (NA) enclosure of an answer with (NA) computed (check_implementability sets both or neither)."""
    if r.na_enclosure is None:
        raise InternalError("an implementability answer has (NA) without its enclosure")
    return r.na_enclosure


def _player_doc(r: Implementability) -> dict[str, Any]:
    """One player's implementability as JSON."""
    d: dict[str, Any] = {"implementable": r.implementable, "violations": list(r.violations)}
    d["multipliers"] = [{"other_signal": o, "state": v, "lambda": str(x), "decimal": x.enclose().decimal(12)}
                        for (o, v), x in r.multipliers.items()]
    d["slacks"] = [{"own_signal": k, "other_signal": o, "state": v, "phi": str(p), "enclosure": _enc(e)}
                   for (k, o, v), (p, e) in r.slacks.items()]
    if r.na is not None:
        na_enc = _na_enclosure(r)
        d["na"] = {"expression": f"{r.na} <= 0", "holds": na_enc.sign in (0, -1), "enclosure": _enc(na_enc)}
    if r.deviation is not None:
        dv = r.deviation
        d["deviation"] = {
            "class": dv.lemma_class, "condition": dv.condition,
            "beta": [{"from": list(c), "mass": fmt(m)} for c, m in dv.beta.items()],
            "moves": [{"from": list(a), "to": list(b), "mass": fmt(m)} for a, b, m in dv.moves],
            "epsilon": fmt(dv.epsilon), "gain": str(dv.gain), "gain_enclosure": _enc(dv.gain_enclosure),
            "marginal_gain": "+infinity" if dv.marginal_gain is None else str(dv.marginal_gain),
        }
        if dv.marginal_enclosure is not None:
            d["deviation"]["marginal_gain_enclosure"] = _enc(dv.marginal_enclosure)
    return d


def _player_text(r: Implementability) -> list[str]:
    """One player's implementability as text lines."""
    lines = [f"  {r.player}: {'implementable' if r.implementable else 'NOT implementable'}"]
    for (o, v), x in r.multipliers.items():
        lines.append(f"    lambda({o}, {v}) = {x}  ({x.enclose().decimal(10)})")
    for (k, o, v), (p, e) in r.slacks.items():
        lines.append(f"    phi({k}, {o}, {v}) = {p}  in [{e.decimal(6)}] >= 0")
    if r.na is not None:
        na_enc = _na_enclosure(r)
        lines.append(f"    (NA) {r.na} <= 0: {'holds' if na_enc.sign in (0, -1) else 'FAILS'} ({na_enc.decimal(10)})")
    for v in r.violations:
        lines.append(f"    {v}")
    if r.deviation is not None:
        dv = r.deviation
        lines.append(f"    profitable deviation (Class {dv.lemma_class}, exploits {dv.condition}), epsilon = {fmt(dv.epsilon)}:")
        for a, b, m in dv.moves:
            lines.append(f"      move {fmt(m)}*epsilon from {a} to {b}")
        lines.append(f"      gain {dv.gain_enclosure.decimal(10)} > 0 (certified)")
    return lines


def subsidy_claims(res: SubsidyResult) -> dict[str, bool]:
    """The slides' qualitative claims at the optimum, each decided by the enclosures.

    * no gross full surplus extraction: revenue < gross surplus :math:`E[u^b - u^s]`;
    * no net full surplus extraction: each player keeps a positive net payoff;
    * the principal pays for the same information twice: with information (I = 2) both
      players acquire the same information at a positive cost each.

    At a supremum that is not attained (a posterior at certainty) they are about the limit.
    Also reported: the mechanism is implementable for both players, and its exact revenue is within
    :math:`10^{-30}` (and within ``DEFAULT_EPS``) below the enclosure's upper end.

    Parameters
    ----------
    res : SubsidyResult
        An answer of :func:`~exactgame.acquisition.subsidy.kink_optimum` or
        :func:`~exactgame.acquisition.supremum.maximize_revenue`.

    Returns
    -------
    dict of str -> bool
        ``no_gross_full_surplus_extraction``, ``no_net_full_surplus_extraction``,
        ``information_paid_twice``, ``mechanism_implementable``, ``mechanism_within_1e-30``,
        ``mechanism_within_eps``; True only when the enclosures decide it.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> from exactgame.acquisition.subsidy import kink_optimum
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     cost={"buyer": 4, "seller": 4})
    >>> c = subsidy_claims(kink_optimum(g))           # no information acquired: nothing is paid twice
    >>> c["no_gross_full_surplus_extraction"], c["no_net_full_surplus_extraction"], c["information_paid_twice"]
    (True, True, False)
    """
    gross = res.gross_surplus
    return {
        "no_gross_full_surplus_extraction": res.revenue.hi < gross,
        "no_net_full_surplus_extraction": all(res.net_payoff[p].lo > 0 for p in (BUYER, SELLER)),
        "information_paid_twice": res.case in ("interior", "certainty limit")
        and all(res.information_cost[p].lo > 0 for p in (BUYER, SELLER)),
        "mechanism_implementable": all(r.implementable for r in res.implementability.values()),
        "mechanism_within_1e-30": res.revenue.hi - res.mechanism_revenue < Fraction(1, 10**30)
        and res.mechanism_revenue <= res.revenue.hi,
        "mechanism_within_eps": res.revenue.hi - res.mechanism_revenue <= DEFAULT_EPS and res.mechanism_revenue <= res.revenue.hi,
    }


def _mechanism_doc(g: AcquisitionGame) -> dict[str, Any]:
    """A mechanism (structure, transfers, trade, exact revenue) as JSON."""
    transfers, trade = g.transfers, g._need_trade()
    if transfers is None:
        raise InternalError("_mechanism_doc is called on mechanisms only (prescribed, merged or checked)")
    return {"buyer_signals": list(g.buyer_signals), "seller_signals": list(g.seller_signals),
            "alpha": {w: [[fmt(x) for x in r] for r in m] for w, m in zip(g.states, g._need_alpha())},
            "transfers": {p: [[fmt(x) for x in r] for r in transfers[p]] for p in (BUYER, SELLER)},
            "trade": {p: [[fmt(x) for x in r] for r in trade[p]] for p in (BUYER, SELLER)},
            "revenue": fmt(g.revenue())}


def _add(certs: list[Certificate], cert: Certificate) -> str:
    """Append ``cert`` and return its path in the document (``certificates/<index>``)."""
    certs.append(cert)
    return f"certificates/{len(certs) - 1}"


def _no_information(game: AcquisitionGame) -> Enclosure:
    """CE^b(mu0) - CE^s(mu0) for any number of states (a ball evaluation at 256 bits)."""
    from flint import arb, ctx

    from ..logexp import arb_to_enclosure, to_arb

    ub, us = game.values[BUYER], game.values[SELLER]
    kb, ks = game.cost[BUYER], game.cost[SELLER]
    with ctx.workprec(256):
        zb = sum((to_arb(m) * (-to_arb(u / kb)).exp() for m, u in zip(game.prior, ub)), arb(0))
        zs = sum((to_arb(m) * to_arb(u / ks).exp() for m, u in zip(game.prior, us)), arb(0))
        return arb_to_enclosure(-to_arb(kb) * zb.log() - to_arb(ks) * zs.log())


def _subsidy_simplex(game: AcquisitionGame, certs: list, lines: list[str], claims: list[Claim]) -> dict[str, Any]:
    """The subsidy part for three or more states: a certified enclosure (simplex.py)."""
    from .simplex import simplex_revenue

    res = simplex_revenue(game)
    rev_path = _add(certs, res.certificate)
    mech_paths = [_add(certs, r.certificate) for r in res.implementability.values()]
    revenue = Enclosure(min(res.lower, res.upper), res.upper)
    no_info = _no_information(game)
    earns = True if revenue.lo > 0 else (False if revenue.hi < 0 else None)
    mech = res.mechanism
    K = len(mech.buyer_signals)
    alpha = mech._need_alpha()
    tau = [sum((m[k][k] for m in alpha), Fraction(0)) for k in range(K)]
    posts = [[m[k][k] / tau[k] for m in alpha] for k in range(K)]
    gross = sum(p * (b - s) for p, b, s in zip(game.prior, game.values[BUYER], game.values[SELLER]))
    cert = res.certificate
    doc: dict[str, Any] = {
        "status": "conditional", "case": "enclosure (three or more states)",
        "revenue": _enc(revenue), "subsidy": _enc(-revenue), "width": fmt(revenue.width),
        "finished": res.finished, "attained": None, "earns_revenue": earns,
        "upper_bound": fmt(res.upper),
        "upper_bound_players_apart": None if cert.buyer_upper is None else fmt(cert.buyer_upper + cert.seller_upper),  # type: ignore[operator]  # both set or neither in practice; a buyer bound without the seller's would raise TypeError (reported)
        "upper_bound_joint": None if cert.joint_upper is None else fmt(cert.joint_upper),
        "unconditional_upper_bound": fmt(gross),
        "no_information_revenue": _enc(no_info),
        "posteriors": [{w: fmt(x) for w, x in zip(game.states, p)} for p in posts],
        "weights": [fmt(t) for t in tau],
        "reference": {BUYER: [fmt(x) for x in res.reference[0]], SELLER: [fmt(x) for x in res.reference[1]]},
        "gross_surplus": fmt(gross), "boxes": res.boxes,
        "mechanism": _mechanism_doc(mech),
        "mechanism_implementable": {p: r.implementable for p, r in res.implementability.items()},
        "estimate": f"{res.estimate:.12g}",
    }
    where = "supremum over implementable perfectly correlated mechanisms"
    claims += [
        certified("subsidy/upper_bound_perfectly_correlated", rev_path,
                  proves=f"no implementable perfectly correlated mechanism earns more than upper_bound ({where}; simplex.py Lemmas 1-3)"),
        conditional("subsidy/upper_bound", PROPOSITION, rev_path,
                    proves="no implementable mechanism (any signals, any correlation) earns more than upper_bound"),
        certified("subsidy/upper_bound_players_apart", rev_path, proves="Lemma 3's bound (the players apart)"),
    ]
    if cert.joint_upper is not None:
        claims.append(certified("subsidy/upper_bound_joint", rev_path, proves="Lemma 2's bound (both references)"))
    else:
        claims.append(not_certified("subsidy/upper_bound_joint", "not computed (simplex_revenue(joint_budget=...) computes it)"))
    for key in ("revenue", "subsidy", "earns_revenue"):
        claims.append(conditional(f"subsidy/{key}", PROPOSITION, rev_path, *mech_paths,
                                  proves=f"the {where} lies in this enclosure: its lower end is the exact revenue of the "
                                         "checked mechanism, its upper end the revenue certificate"))
    claims += [
        certified("subsidy/width", proves="upper - lower, exact"),
        certified("subsidy/finished", proves="whether the width is within the target (1e-4)"),
        not_certified("subsidy/attained", "not decided for three or more states"),
        not_certified("subsidy/estimate", "a float search's value of the closure at its best references"),
        certified("subsidy/status", proves="what the certificates below prove (this list)"),
        certified("subsidy/case", proves="which computation ran"),
        certified("subsidy/no_information_revenue", proves="CE^b(mu0) - CE^s(mu0), a ball evaluation"),
        certified("subsidy/gross_surplus", proves="E[u^b - u^s] (efficient trade's surplus), exact"),
        certified("subsidy/unconditional_upper_bound",
                  proves="revenue <= E[u^b - u^s] for every implementable mechanism (any signals and correlation): "
                         "each player can acquire nothing and abstain"),
        certified("subsidy/mechanism", *mech_paths, proves="the rational mechanism is implementable for both players; "
                                                           "its revenue is exact"),
        certified("subsidy/mechanism_implementable", *mech_paths),
        certified("subsidy/posteriors", *mech_paths, proves="the checked mechanism's posteriors (not claimed optimal)"),
        certified("subsidy/weights", *mech_paths, proves="the checked mechanism's signal probabilities"),
        certified("subsidy/reference", *mech_paths, proves="the references a, c its transfers were built from"),
        certified("subsidy/boxes", proves="a count (of Lemma 2's tree)"),
    ]
    lines.append(f"subsidy minimization for efficient trade, {len(game.states)} states (over all mechanisms: conditional "
                 "on the slides' Corollary, see claims):")
    lines.append(f"  maximal revenue lies in [{decimal_str(revenue.lo, 15)}, {decimal_str(revenue.hi, 15)}] "
                 f"(width {float(revenue.width):.1e}; " + ("within" if res.finished else "NOT within")  # float-ok: display
                 + " the target 1e-4)")
    lines.append("  upper end: certified over perfectly correlated mechanisms (the players apart, Lemma 3"
                 + (", and both references, Lemma 2)" if cert.joint_upper is not None else ")"))
    lines.append("  lower end: the exact revenue of the rational mechanism below, checked implementable for both players")
    if earns is True:
        lines.append("  the principal earns money: no subsidy is needed")
    elif earns is False:
        lines.append("  the principal must pay a subsidy")
    lines.append(f"  no information     : {no_info.decimal(20)}; gross surplus {decimal_str(gross)}")
    for k, (p, t) in enumerate(zip(posts, tau), 1):
        lines.append(f"  signal {k}: probability {decimal_str(t, 12)}, posterior "
                     + ", ".join(f"{w} {decimal_str(x, 12)}" for w, x in zip(game.states, p)))
    lines.append("  whether the supremum is attained: not decided for three or more states")
    lines.append(f"  rational mechanism: revenue {decimal_str(mech.revenue(), 20)}, implementable: "
                 + ", ".join(f"{p} {'yes' if r.implementable else 'NO'}" for p, r in res.implementability.items()))
    return doc


def _subsidy(game: AcquisitionGame, certs: list[Certificate], lines: list[str], plot: str | None, claims: list[Claim],
             figures: list[FigureSpec]) -> dict[str, Any]:
    """The subsidy part of the document; appends its certificates, claims, text lines and figure."""
    if not game.binary:
        return _subsidy_simplex(game, certs, lines, claims)
    res = minimize_subsidy(game)
    done = res.status != "not certified"       # an unfinished branch and bound has no certificate to check
    rev_path = _add(certs, res.certificate) if done else None
    mech_paths = [_add(certs, r.certificate) for r in res.implementability.values()]
    seq_paths, seq_doc = _sequence(game, res, certs)
    qual = subsidy_claims(res)
    earns = True if res.revenue.lo > 0 else (False if res.revenue.hi < 0 else None)
    doc = _binary_doc(game, res, qual, earns, seq_doc)
    _binary_claims(res, doc, rev_path, mech_paths, seq_paths, claims)
    _binary_text(game, res, qual, earns, done, lines)
    if plot:
        _binary_figure(game, res, plot, figures, lines)
    return doc


def _sequence(game: AcquisitionGame, res: SubsidyResult, certs: list[Certificate]) -> tuple[list[str], list[dict[str, Any]]]:
    """The approaching mechanisms: their certificates' paths (appended to ``certs``) and their documents."""
    seq_paths: list[str] = []
    seq_doc: list[dict[str, Any]] = []
    for rev, mech, checked in res.sequence:
        checks = [checked[p] for p in (BUYER, SELLER)]
        seq_paths += [_add(certs, c.certificate) for c in checks]
        post = [mech.alpha[1][k][k] / sum(m[k][k] for m in mech.alpha) for k in range(len(mech.buyer_signals))]
        seq_doc.append({"revenue": fmt(rev), "decimal": decimal_str(rev, 15),
                        "posteriors": [{w: fmt(x) for w, x in zip(game.states, (1 - m, m))} for m in post],
                        "implementable": {p: c.implementable for p, c in zip((BUYER, SELLER), checks)}})
    return seq_paths, seq_doc


def _binary_doc(game: AcquisitionGame, res: SubsidyResult, qual: dict[str, bool], earns: bool | None,
                seq_doc: list[dict[str, Any]]) -> dict[str, Any]:
    """The subsidy document for two states."""
    doc: dict[str, Any] = {
        "status": res.status, "case": res.case,
        "revenue": _enc(res.revenue), "subsidy": _enc(res.subsidy), "no_information_revenue": _enc(res.no_information_revenue),
        "attained": res.attained, "earns_revenue": earns,
        "upper_bound": None if res.upper_bound is None else fmt(res.upper_bound),
        "unconditional_upper_bound": fmt(res.gross_surplus),
        "posteriors": [{w: _enc(x) for w, x in zip(game.states, p)} for p in res.posteriors],
        "weights": [_enc(t) for t in res.weights],
        "transfers": {p: [_enc(x) for x in xs] for p, xs in res.transfers.items()},
        "reference": {p: [_enc(x) for x in xs] for p, xs in res.reference.items()},
        "optimality": {k: _enc(v) for k, v in res.optimality.items()},
        "gross_surplus": fmt(res.gross_surplus),
        "information_cost": {p: _enc(v) for p, v in res.information_cost.items()},
        "net_payoff": {p: _enc(v) for p, v in res.net_payoff.items()},
        "claims": qual, "boxes": res.boxes,
        "mechanism": _mechanism_doc(res.mechanism),
        "mechanism_implementable": {p: r.implementable for p, r in res.implementability.items()},
        "sequence": seq_doc,
    }
    if res.restricted is not None and res.restricted is not res:
        doc["restricted"] = {"status": res.restricted.status, "case": res.restricted.case, "revenue": _enc(res.restricted.revenue),
                             "what": "max of R(m1, m2): both posteriors at kinks of T (the slides' (Opt) conditions)"}
    if res.note:
        doc["note"] = res.note
    return doc


def _binary_claims(res: SubsidyResult, doc: dict[str, Any], rev_path: str | None, mech_paths: list[str], seq_paths: list[str],
                   claims: list[Claim]) -> None:
    """The claims of the two-state subsidy document (``rev_path`` is None when the run did not finish)."""
    where = "supremum over implementable perfectly correlated mechanisms"
    if rev_path is not None:     # the run finished (done): the revenue certificate exists
        claims.append(certified("subsidy/upper_bound_perfectly_correlated", rev_path,
                                proves=f"no implementable perfectly correlated mechanism earns more than upper_bound ({where})"))
        claims.append(conditional("subsidy/upper_bound", PROPOSITION, rev_path,
                                  proves="no implementable mechanism (any signals, any correlation) earns more than upper_bound"))
        for key in ("revenue", "subsidy"):
            claims.append(conditional(f"subsidy/{key}", PROPOSITION, rev_path,
                                      proves=f"the {where} lies in this enclosure (upper end: the certificate; lower end: "
                                             "values approached by implementable mechanisms, see sequence / mechanism)"))
        if res.attained is None:
            claims.append(not_certified("subsidy/attained", "the restricted optimum and the certainty limits overlap at this precision"))
        else:
            claims.append(conditional("subsidy/attained", PROPOSITION, rev_path,
                                      proves="attained iff the restricted (kink) optimum is certified above the certainty "
                                             "limits (supremum.py, Step 4)"))
        claims.append(conditional("subsidy/case", PROPOSITION, rev_path, proves="which term of Step 3 gives the supremum"))
        claims.append(conditional("subsidy/claims", PROPOSITION, rev_path, *mech_paths,
                                  proves="the slides' qualitative claims, decided by the enclosures at the supremum"))
        claims.append(conditional("subsidy/earns_revenue", PROPOSITION, rev_path, proves="the sign of the supremum"))
        loc = "the maximiser found by branch and bound (only its value is certified)" if res.case == "certainty limit" else None
        for key in ("posteriors", "weights", "transfers", "reference", "optimality", "information_cost", "net_payoff"):
            if loc:
                claims.append(not_certified(f"subsidy/{key}", loc))
            else:
                claims.append(conditional(f"subsidy/{key}", PROPOSITION, rev_path,
                                          proves="at the optimum of the restricted family, located by the Krawczyk test"))
    else:
        for key in ("revenue", "subsidy", "upper_bound", "attained", "case", "claims", "earns_revenue", "posteriors", "weights",
                    "transfers", "reference", "optimality", "information_cost", "net_payoff"):
            claims.append(not_certified(f"subsidy/{key}", "the branch and bound did not finish: a feasible candidate only"))
    claims.append(certified("subsidy/status", proves="what the certificates below prove (this list)"))
    claims.append(certified("subsidy/no_information_revenue", proves="CE^b(mu0) - CE^s(mu0), a ball evaluation"))
    claims.append(certified("subsidy/gross_surplus", proves="E[(u^b - u^s)^+] (efficient trade's surplus), exact"))
    claims.append(certified("subsidy/unconditional_upper_bound",
                            proves="revenue <= E[u^b - u^s] for every implementable mechanism (any signals and correlation): "
                                   "revenue = E[u^b - u^s] - costs - net payoffs, costs >= 0, and each player's net payoff "
                                   ">= 0 (acquire nothing, abstain)"))
    claims.append(certified("subsidy/mechanism", *mech_paths, proves="the rational mechanism is implementable for both players; "
                                                                      "its revenue is exact"))
    claims.append(certified("subsidy/mechanism_implementable", *mech_paths))
    claims.append(certified("subsidy/sequence", *seq_paths, proves="each listed mechanism is implementable for both players; "
                                                                    "revenues exact"))
    claims.append(certified("subsidy/boxes", proves="a count"))
    if "restricted" in doc and res.restricted is not None:     # the same condition: doc has it only then
        if res.restricted.status == "certified" and rev_path is not None:
            claims.append(certified("subsidy/restricted", rev_path, proves="the maximum of the restricted function R only"))
        else:   # not finished, or its certificate is not in the document (the edge searches ran out of budget)
            claims.append(not_certified("subsidy/restricted", "not finished" if res.restricted.status != "certified" else
                                        "its certificate is not in the document (the edge searches did not finish)"))
    if "note" in doc:
        claims.append(certified("subsidy/note", proves="a remark"))


def _binary_text(game: AcquisitionGame, res: SubsidyResult, qual: dict[str, bool], earns: bool | None, done: bool,
                 lines: list[str]) -> None:
    """The readable text of the two-state subsidy answer."""
    _binary_headline(res, earns, done, lines)
    if res.attained is False:
        lines.append("  NOT ATTAINED: approached only as a posterior tends to certainty; checked mechanisms approaching it:")
        for rev, mech, _ in res.sequence:
            post = [mech.alpha[1][k][k] / sum(m[k][k] for m in mech.alpha) for k in range(len(mech.buyer_signals))]
            lines.append(f"    revenue {decimal_str(rev, 15)}  posteriors P({game.states[1]}) "
                         + ", ".join(decimal_str(x, 12) for x in post) + "  (implementable: checked)")
    if res.restricted is not None and res.restricted is not res and res.case == "certainty limit":
        lines.append(f"  (the restricted family with both posteriors at kinks, the slides' (Opt), gives at most "
                     f"{decimal_str(res.restricted.revenue.hi, 15)})")
    lines.append(f"  no information     : {res.no_information_revenue.decimal(20)}")
    if res.case in ("interior", "certainty limit"):
        for k, (p, t) in enumerate(zip(res.posteriors, res.weights), 1):
            lines.append(f"  signal {k}: probability {t.decimal(12)}, posterior "
                         + ", ".join(f"{w} {x.decimal(12)}" for w, x in zip(game.states, p))
                         + f"; buyer pays {res.transfers[BUYER][k - 1].decimal(12)}, seller gets {res.transfers[SELLER][k - 1].decimal(12)}"
                         + (" (a limit, not attained)" if res.case == "certainty limit" and any(x.hi == 0 for x in p) else ""))
        if res.optimality:
            lines.append(f"  (Opt^b) residual {res.optimality['Opt_b'].decimal(3)}, (Opt^s) residual {res.optimality['Opt_s'].decimal(3)}")
    else:
        lines.append("  optimum: acquire no information (I = 1); buyer pays "
                     f"{res.transfers[BUYER][0].decimal(12)}, seller gets {res.transfers[SELLER][0].decimal(12)}")
    lines.append(f"  gross surplus {decimal_str(res.gross_surplus)}; information cost buyer {res.information_cost[BUYER].decimal(8)}, "
                 f"seller {res.information_cost[SELLER].decimal(8)}; net payoffs buyer {res.net_payoff[BUYER].decimal(8)}, "
                 f"seller {res.net_payoff[SELLER].decimal(8)}")
    for name, v in qual.items():
        lines.append(f"  {name.replace('_', ' ')}: {'yes' if v else 'no'}")
    lines.append(f"  rational mechanism: revenue {decimal_str(res.mechanism_revenue, 20)}, implementable: "
                 + ", ".join(f"{p} {'yes' if r.implementable else 'NO'}" for p, r in res.implementability.items()))


def _binary_headline(res: SubsidyResult, earns: bool | None, done: bool, lines: list[str]) -> None:
    """The first lines of the two-state text: status, upper bound, the revenue or subsidy."""
    label = {"conditional": "conditional on the slides' Corollary, see claims", "not certified": "NOT CERTIFIED"}[res.status]
    lines.append(f"subsidy minimization for efficient trade ({res.boxes} boxes; over all mechanisms: {label}):")
    if not done:
        lines.append("  NOT CERTIFIED: the branch and bound did not finish; the revenue below is only a lower bound "
                     "(the value of the best candidate found)")
    else:
        lines.append(f"  upper bound over perfectly correlated implementable mechanisms: {decimal_str(res.upper_bound, 30)} "
                     "(certified by the revenue certificate)")
    sup = "supremum" if res.attained is not True else "maximum"
    if earns is False:
        lines.append(f"  minimal subsidy    = {(-res.revenue).decimal(30)}  (the principal pays)")
    elif earns is True:
        lines.append(f"  maximal revenue ({sup}) = {res.revenue.decimal(30)}: the principal earns money, no subsidy "
                     f"(enclosure width {float(res.revenue.width):.1e})")  # float-ok: display
    else:
        lines.append(f"  maximal revenue ({sup}) = {res.revenue.decimal(30)} (sign undecided; subsidy = minus this)")


def _binary_figure(game: AcquisitionGame, res: SubsidyResult, plot: str, figures: list[FigureSpec], lines: list[str]) -> None:
    """The figure of the two-state answer (the best explicit mechanism's posteriors for a certainty limit)."""
    from dataclasses import replace

    shown = res
    if res.case == "certainty limit":   # draw the posteriors of the best explicit mechanism (interior)
        mech = res.mechanism
        alpha = mech._need_alpha()
        tau = [sum((m[k][k] for m in alpha), Fraction(0)) for k in range(len(mech.buyer_signals))]
        shown = replace(res, posteriors=tuple(tuple(Enclosure(m[k][k] / t, m[k][k] / t) for m in alpha)
                                              for k, t in enumerate(tau)))
    figures.append(FigureSpec("plot_acquisition", {"game": game, "res": shown}, plot))
    lines.append(f"figure: {plot}")


def run_acquisition(game: AcquisitionGame, subsidy: bool = False, plot: str | None = None) -> tuple[dict[str, Any], str]:
    """JSON document and readable text for the ``acquisition`` subcommand (claims under ``claims``).

    Parameters
    ----------
    game : AcquisitionGame
        The game of the file.
    subsidy : bool
        Also minimise the subsidy (automatic without ``alpha``).
    plot : str, optional
        A file name for the figure of the subsidy answer.

    Returns
    -------
    tuple of (dict, str)
        :meth:`Report.document` and :meth:`Report.text` of :func:`acquisition`.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> doc, text = run_acquisition(g)              # alpha without transfers: the prescribed mechanism
    >>> doc["implementable"], doc["proposition"], text.splitlines()[1]
    ({'buyer': True, 'seller': True}, 'holds', 'information structure: 2 block(s); perfectly correlated')
    """
    r = acquisition(game, subsidy, plot)
    return r.document(), r.text()


def acquisition(game: AcquisitionGame, subsidy: bool = False, plot: str | None = None) -> Report:
    """The ``acquisition`` subcommand as a Python call: implementability of the file's mechanism
    (or the prescribed one), and with ``subsidy`` (automatic without ``alpha``) the certified
    subsidy supremum, as a :class:`Report`.

    With ``alpha``: the correlation structure, then each player's implementability of the file's
    mechanism, or, without transfers and an essentially perfectly correlated structure, of the
    merged or prescribed one, and the Proposition's check; with transfers and mergeable blocks also
    the Corollary's merged mechanism. Every certificate is re-verified before the report is returned.

    Parameters
    ----------
    game : AcquisitionGame
        The game of the file.
    subsidy : bool
        Also minimise the subsidy.
    plot : str, optional
        A file name for the figure of the subsidy answer (drawn by the interface layer).

    Returns
    -------
    Report
        The document, claims (one per answer key) and text.

    Raises
    ------
    InputError
        From the subsidy computation (e.g. no gains from trade); CertificateError if a certificate
        fails (a bug).

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> r = acquisition(g)
    >>> r.document()["revenue"][:8], [c.status for c in r.claims if c.key == "implementable"]
    ('59077015', ['certified'])
    """
    doc: dict[str, Any] = {"states": list(game.states), "prior": [fmt(p) for p in game.prior],
                           "cost": {p: fmt(k) for p, k in game.cost.items()}}
    claims: list[Claim] = [certified("states", proves="from the file"), certified("prior", proves="from the file"),
                           certified("cost", proves="from the file")]
    lines = [f"acquisition: {game.title or 'bilateral trade with costly information'}; states {', '.join(game.states)}, "
             f"prior {', '.join(map(fmt, game.prior))}"]
    certs: list = []
    figures: list[FigureSpec] = []
    if game.alpha is not None:
        cs = correlation_structure(game)
        doc["correlation"] = {
            "blocks": [{"buyer": list(b), "seller": list(s), "posterior": None if p is None else [fmt(x) for x in p]}
                       for (b, s), p in zip(cs.blocks, cs.posteriors)],
            "essentially_perfect": cs.essentially_perfect, "perfectly_correlated": cs.perfectly_correlated,
            "reasons": list(cs.reasons)}
        claims.append(certified("correlation", proves="blocks and posteriors, exact rational arithmetic"))
        lines.append(f"information structure: {len(cs.blocks)} block(s); "
                     + ("perfectly correlated" if cs.perfectly_correlated else
                        "essentially perfectly correlated" if cs.essentially_perfect else "NOT essentially perfectly correlated"))
        lines += [f"  {r}" for r in cs.reasons]
        checked = game if game.transfers is not None else None
        if checked is None and cs.essentially_perfect:
            checked = merge_equal_posteriors(game) if not cs.perfectly_correlated else prescribed_mechanism(game)
            doc["prescribed_mechanism"] = _mechanism_doc(checked)
            lines.append("no transfers in the file: checking the diagonal structure with the prescribed transfers")
        if checked is not None:
            results = {p: check_implementability(checked, p) for p in (BUYER, SELLER)}
            paths = [_add(certs, r.certificate) for r in results.values()]
            doc["implementable"] = {p: r.implementable for p, r in results.items()}
            doc["players"] = {p: _player_doc(r) for p, r in results.items()}
            doc["revenue"] = fmt(checked.revenue())
            doc["gross_surplus"] = fmt(checked.gross_surplus())
            proves = "each player's implementability: multipliers with (ST), (DF), (CS), (NA) proved, or a deviation with a proved gain"
            claims += [certified("implementable", *paths, proves=proves), certified("players", *paths, proves=proves),
                       certified("revenue", proves="exact rational revenue of the checked mechanism"),
                       certified("gross_surplus", proves="exact")]
            if "prescribed_mechanism" in doc:
                claims.append(certified("prescribed_mechanism", *paths, proves="the checked mechanism"))
            lines.append(f"implementability (revenue {decimal_str(checked.revenue(), 10)}, gross surplus "
                         f"{decimal_str(checked.gross_surplus(), 10)}):")
            for r in results.values():
                lines += _player_text(r)
            doc["proposition"] = _proposition(checked, results, cs if checked is game else correlation_structure(checked))
            claims.append(certified("proposition", *paths, proves="the Proposition's hypotheses and conclusion on this instance"))
            lines.append(f"Proposition (efficiency => essentially perfect correlation): {doc['proposition']}")
            if cs.essentially_perfect and not cs.perfectly_correlated and game.transfers is not None:
                merged = merge_equal_posteriors(game)
                mres = {p: check_implementability(merged, p) for p in (BUYER, SELLER)}
                mpaths = [_add(certs, r.certificate) for r in mres.values()]
                doc["merged"] = {**_mechanism_doc(merged), "implementable": {p: r.implementable for p, r in mres.items()}}
                claims.append(certified("merged", *mpaths, proves="the merged mechanism's implementability and exact revenue"))
                lines.append(f"Corollary: merged to {len(merged.buyer_signals)} signal pair(s), revenue "
                             f"{decimal_str(merged.revenue(), 10)}, implementable: "
                             + ", ".join(f"{p} {'yes' if r.implementable else 'NO'}" for p, r in mres.items()))
    if subsidy or game.alpha is None:
        doc["subsidy"] = _subsidy(game, certs, lines, plot, claims, figures)
    if figures:
        doc["plot"] = figures[0].path     # a protocol key, as for every subcommand (not an answer)
    for c in certs:
        c.verify()
    doc["certificates"] = [c.to_dict() for c in certs]
    claims.append(certified("certificates", proves="each certificate re-verified"))
    lines.append(f"certificates: {len(certs)} re-verified")
    return Report("acquisition", game, {"subsidy": bool(subsidy or game.alpha is None)}, doc, tuple(claims), tuple(lines),
                  figure=figures[0] if figures else None, recompute=lambda: acquisition(game, subsidy).document())


def _proposition(game: AcquisitionGame, results: dict[str, Implementability], cs: CorrelationStructure) -> str:
    """'holds', 'not applicable (...)' or 'VIOLATED' for the Proposition on this (alpha, q, t)."""
    ub, us = game.values[BUYER], game.values[SELLER]
    if not game.binary:
        return "not applicable (the Proposition is stated for two states)"
    if not all(b > s for b, s in zip(ub, us)):
        return "not applicable (needs gains from trade u^b(v) > u^s(v) in every state)"
    alpha, trade = game._need_alpha(), game._need_trade()
    on_path = [(i, j) for i in range(len(game.buyer_signals)) for j in range(len(game.seller_signals))
               if any(m[i][j] for m in alpha)]
    if any(trade[p][i][j] != 1 for p in (BUYER, SELLER) for i, j in on_path):
        return "not applicable (trade is not efficient: q < 1 on the path)"
    if not all(r.implementable for r in results.values()):
        return "not applicable (the mechanism is not implementable)"
    return "holds" if cs.essentially_perfect else "VIOLATED (an implementable efficient mechanism without equal posteriors in blocks)"
