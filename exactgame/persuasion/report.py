r"""The ``persuade`` subcommand's computation: the model named by the file and the payment
option (003_e54e9b7a7da88b3e.txt and 000_2cf035f6c25283ea.txt), as a :class:`~exactgame.results.Report`.

* one receiver without payments: the obedience LP and Cav V (:func:`~exactgame.persuasion.bp.persuade`),
  optionally the efficiency region (``regions``) and a figure (``plot``);
* one receiver with payments (``nonnegative``, ``budget-balanced``, ``arbitrary``):
  LP-General-with-Payments (:func:`~exactgame.persuasion.payments.persuade_with_payments`);
* many binary receivers: LP-Binary (:func:`~exactgame.persuasion.multireceiver.solve_binary`).

>>> from exactgame.games import load_game
>>> r = persuasion_report(load_game("examples/efficiency_example1.toml"), ["9/10", "1/10"])
>>> r.document()["value"], r.verify()
('6', True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..errors import InputError
from ..numbers import fmt
from ..results import FigureSpec, Report, not_certified
from .payments import PAYMENT_MODELS

__all__ = ["persuasion_report", "PAYMENT_MODELS"]


def persuasion_report(game: Any, prior: Sequence[Any] | None = None, payments: str = "none", *, regions: bool = False,
                      plot: str | None = None) -> Report:
    """The Bayesian-persuasion outcome of ``game`` (a sender-receiver or multi-receiver game) as a report.

    Dispatches on the game and ``payments`` as the module docstring lists: the obedience LP and
    ``Cav V(p)`` (plus whether the BP outcome is efficient at the prior, ``bp_efficient``, null on
    the boundary of the simplex), LP-General-with-Payments, or LP-Binary for binary receivers.

    Parameters
    ----------
    game : SenderReceiverGame or MultiReceiverGame
        The game.
    prior : sequence, optional
        The prior; the game's prior if None.
    payments : {"none", "nonnegative", "budget-balanced", "arbitrary"}
        The payment model (:data:`PAYMENT_MODELS`).
    regions : bool
        One receiver, no payments: also decide the efficiency region over priors
        (:func:`~exactgame.persuasion.regions.efficiency_region`, not re-checked by the checker).
    plot : str, optional
        One receiver, no payments: describe a figure to be written to this path (the interface
        draws it; a simplex picture for three states, the value function and envelope otherwise).

    Returns
    -------
    Report
        Command ``persuade``: the answer document, its claims and the text lines.

    Raises
    ------
    InputError
        On an unknown payment model, a game of another kind, or ``regions``/``plot`` where they
        do not apply.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> r = persuasion_report(g)
    >>> r.document()["value"], r.document()["outcome"]["innocent"], r.document()["bp_efficient"]
    ('3/5', {'acquit': '4/7', 'convict': '3/7'}, True)
    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> persuasion_report(zero_sum_example(), payments="budget-balanced").document()["value"]   # Section 4.2 of 003
    '1'
    """
    from ..games import SenderReceiverGame
    from .multireceiver import MultiReceiverGame

    if payments not in PAYMENT_MODELS:
        raise InputError(f"--payments: unknown model {payments!r}; one of {', '.join(PAYMENT_MODELS)}")
    if isinstance(game, MultiReceiverGame):
        if regions or plot:
            raise InputError("--regions and --plot are not available for multi-receiver files")
        return _binary(game, payments, prior)
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade needs a game of kind 'sender-receiver' or 'multi-receiver'")
    if payments != "none":
        if regions or plot:
            raise InputError("--regions and --plot are for --payments none")
        return _payments(game, prior, payments)
    return _plain(game, prior, regions, plot)


def _plain(game, prior, regions: bool, plot: str | None) -> Report:
    from .bp import persuade

    r = persuade(game, prior)
    claims = list(r.claims())
    doc = r.to_dict()
    lines = [f"prior: ({', '.join(fmt(x) for x in r.prior)})",
             f"sender's value: {fmt(r.value)} = Cav V(p)",
             "BP outcome:"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in r.outcome[w].items()))
    lines.append("recommendations and posteriors:")
    for a, (wt, q) in r.posteriors.items():
        lines.append(f"  {a}: probability {fmt(wt)}, posterior ({', '.join(fmt(x) for x in q)})")
    _bp_efficiency(game, r, doc, claims, lines)
    doc_region = None
    if regions:
        from .regions import efficiency_region

        region = doc_region = efficiency_region(game)
        doc["efficiency_region"] = region.to_dict()
        claims.append(not_certified("efficiency_region", "each face's verdict carries exactgame's efficiency certificate; "
                                    "the subdivision itself is not re-checked by the independent checker"))
        if len(game.states) == 2:
            lines.append(f"BP outcome efficient for p({game.states[1]}) in {region.interval_text()} (interior priors)")
        else:
            lines.append(f"BP outcome efficient on {len(region.efficient_faces())} of {len(region.faces)} interior faces of the Cav V subdivision")
            lines += region.face_lines()
    figure = None
    if plot:
        extra = {"efficiency": doc_region} if doc_region is not None else {}
        figure = (FigureSpec("plot_simplex", {"game": game, "result": r, **extra}, plot) if len(game.states) == 3 else
                  FigureSpec("plot_value_and_envelope", {"game": game, "prior": r.prior, "result": r}, plot))
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    return Report("persuade", game, {"prior": r.prior, "payments": "none"}, doc, tuple(claims), tuple(lines), figure=figure)


def _bp_efficiency(game, r, doc: dict, claims: list, lines: list) -> None:
    """Definition 1 (000_2cf035f6c25283ea.txt) for the BP outcome at the prior used, certified;
    skipped with a note on the boundary of the simplex (Definition 1 needs an interior prior)."""
    from ..efficiency import efficiency
    from ..results import certified

    if not all(r.prior):
        doc["bp_efficient"] = None
        claims.append(certified("bp_efficient", proves="null: the prior is on the boundary, where Definition 1 does not apply"))
        lines.append("BP outcome efficient: not decided (the prior is on the boundary)")
        return
    eff = efficiency(game.as_game(), {w: dict(d) for w, d in r.outcome.items()}, r.prior)
    doc["bp_efficient"] = eff.efficient
    doc.setdefault("certificates", {})["efficiency"] = eff.certificate.witness()
    claims.append(certified("bp_efficient", "certificates/efficiency",
                            proves="Definition 1 for the BP outcome at this prior (000, Section 3.1.2)"))
    lines.append(f"BP outcome efficient at this prior: {'yes' if eff.efficient else 'no'}")


def _binary(game, payments: str, prior=None) -> Report:
    from .multireceiver import solve_binary

    r = solve_binary(game, payments, prior)
    used = r.prior if r.prior is not None else game.prior
    lines = [f"receivers: {', '.join(game.receivers)}; payments: {payments}; prior ({', '.join(fmt(x) for x in used)})",
             f"sender's value net of payments: {fmt(r.value)}", "scheme (sets told to take action 1):"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{{{S}}} {fmt(q)}" for S, q in r.scheme[w].items()))
    if payments != "none":
        lines.append("expected payments Q1 (for following 1), Q0 (for following 0); per recommendation in brackets:")
        mu = dict(zip(game.states, used))
        for i, rec in enumerate(game.receivers):
            told1 = sum((mu[w] * q for w in game.states for S, q in r.scheme[w].items() if rec in S.split("+")), Fraction(0))
            q1, q0 = r.expected_payments[rec]
            def per(q: Fraction, pr: Fraction) -> str:
                return f" [{fmt(q / pr)}]" if pr else " [never told]"
            lines.append(f"  {rec}: Q1 {fmt(q1)}{per(q1, told1)}, Q0 {fmt(q0)}{per(q0, 1 - told1)}")
    lines.append("multipliers lambda1, lambda0: " + ", ".join(fmt(x) for x in r.lambda1 + r.lambda0)
                 + (f" (all equal: gamma* = {fmt(r.gamma)})" if r.gamma is not None else ""))
    options = {"payments": payments, **({} if r.prior is None else {"prior": r.prior})}
    return Report("persuade", game, options, r.to_dict(), tuple(r.claims()), tuple(lines))


def _payments(game, prior, payments: str) -> Report:
    from .payments import persuade_with_payments

    r = persuade_with_payments(game, payments, prior)
    lines = [f"prior: ({', '.join(fmt(x) for x in r.prior)}); payments: {payments}",
             f"sender's value net of payments: {fmt(r.value)}; receiver's value with payments: {fmt(r.receiver_value)}",
             "scheme (recommendation probabilities):"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in r.scheme[w].items()))
    lines.append("payments when recommended: " + (", ".join(f"{a} {fmt(v)}" for a, v in r.payments.items()) or "none"))
    lines.append("duals lambda(i, j) of the persuasiveness constraints: "
                 + (", ".join(f"{i}->{j} {fmt(v)}" for (i, j), v in r.duals.items() if v) or "all 0"))
    return Report("persuade", game, {"prior": r.prior, "payments": payments}, r.to_dict(), tuple(r.claims()), tuple(lines))
