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
                      plot: str | None = None, signals: str = "private", externalities: bool = False,
                      reduced_form: bool = False, ties: str = "sender") -> Report:
    """The Bayesian-persuasion outcome of ``game`` (a sender-receiver or multi-receiver game) as a report.

    Dispatches on the game and ``payments`` as the module docstring lists (an action-type game
    also gets the keys of :func:`~exactgame.persuasion.symmetric.symmetric_sections`): the obedience LP and
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
        Many receivers with two states: the public value function, its concave envelope and the
        private optimum over priors (:mod:`~exactgame.persuasion.public`).
    signals : {"private", "public", "both"}
        Many receivers: private signals (LP-Binary), one public signal (LP-Public), or both with
        their difference ``private_minus_public`` (:mod:`~exactgame.persuasion.public`; no payments).
    externalities : bool
        Many receivers, no payments: also Appendix B (Definition 6, Lemma 4, the final primal-dual
        LP; :mod:`~exactgame.persuasion.externalities`) under the key ``externalities``.
    reduced_form : bool
        One receiver: also the optimal scheme's signature and LP-Independent-with-Payments at it
        (Appendix C; :mod:`~exactgame.persuasion.reduced_form`) under ``reduced_form``.
    ties : {"sender", "receiver-worst"}
        How the receiver breaks ties: for the sender (Definition 6), or against him (one receiver,
        no payments: :func:`~exactgame.persuasion.adversarial.adversarial_report`).

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

    _check_names(payments, ties)
    if ties == "receiver-worst":
        extras = payments != "none" or regions or plot or reduced_form or signals != "private" or externalities
        return _receiver_worst(game, prior, bool(extras))
    if reduced_form:
        if not isinstance(game, SenderReceiverGame) or _is_action_types(game):
            raise InputError("--reduced-form is for sender-receiver files (an action-types file is already in reduced form)")
        from .reduced_form import with_reduced_form

        return with_reduced_form(persuasion_report(game, prior, payments, regions=regions, plot=plot), game)
    if isinstance(game, MultiReceiverGame):
        return _multi(game, payments, prior, regions, plot, signals, externalities)
    if signals != "private" or externalities:
        raise InputError("--signals and --externalities are for multi-receiver files")
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade needs a game of kind 'sender-receiver' or 'multi-receiver'")
    if payments != "none":
        if regions or plot:
            raise InputError("--regions and --plot are for --payments none")
        rep = _payments(game, prior, payments)
    else:
        rep = _plain(game, prior, regions, plot)
    from .action_types import ActionTypeGame

    return _with_action_types(game, rep, payments) if isinstance(game, ActionTypeGame) else rep


def _check_names(payments: str, ties: str) -> None:
    """Refuse an unknown payment model or tie-breaking rule, naming the option."""
    if payments not in PAYMENT_MODELS:
        raise InputError(f"--payments: unknown model {payments!r}; one of {', '.join(PAYMENT_MODELS)}")
    if ties not in ("sender", "receiver-worst"):
        raise InputError(f"--ties: unknown rule {ties!r}; one of sender, receiver-worst")


def _is_action_types(game: Any) -> bool:
    """Whether ``game`` is an ``action-types`` file's game (a SenderReceiverGame subclass the checker reads by its own kind)."""
    from .action_types import ActionTypeGame

    return isinstance(game, ActionTypeGame)


def _receiver_worst(game: Any, prior: Sequence[Any] | None, extras: bool) -> Report:
    """``--ties receiver-worst``: one sender-receiver game, no other option (:mod:`~exactgame.persuasion.adversarial`)."""
    from ..games import SenderReceiverGame
    from .adversarial import adversarial_report
    from .multireceiver import MultiReceiverGame

    if extras or isinstance(game, MultiReceiverGame) or not isinstance(game, SenderReceiverGame) or _is_action_types(game):
        raise InputError("--ties: receiver-worst is for one receiver of kind 'sender-receiver', without --payments, "
                         "--regions, --plot, --signals, --externalities or --reduced-form")
    return adversarial_report(game, prior)


def _with_action_types(game, rep: Report, payments: str) -> Report:
    """An action-type file's extra keys (:func:`~exactgame.persuasion.symmetric.symmetric_sections`)."""
    from dataclasses import replace

    from ..numbers import to_fraction
    from .symmetric import symmetric_sections

    body = dict(rep.body)
    scheme = {w: {a: to_fraction(q) for a, q in row.items()} for w, row in body["outcome"].items()}
    y = [to_fraction(v) for v in body["certificates"]["lp"]["y_ub"]]
    A = game.actions
    pairs = [(a, b) for a in A for b in A if a != b]
    keys, claims, lines = symmetric_sections(game, rep.options["prior"], payments, to_fraction(body["value"]), scheme,
                                             dict(zip(pairs, y)))
    certs = {**body["certificates"], **keys.pop("certificates", {})}
    body.update(keys)
    body["certificates"] = certs
    return replace(rep, body=body, claims=rep.claims + tuple(claims), lines=rep.lines + tuple(lines))


def _multi(game, payments: str, prior, regions: bool, plot: str | None, signals: str, externalities: bool) -> Report:
    """Many binary receivers: LP-Binary, with ``--signals``, ``--plot`` or ``--externalities``."""
    if regions:
        raise InputError("--regions is not available for multi-receiver files")
    if externalities:
        from .signals_report import externalities_report

        if signals != "private" or plot:
            raise InputError("--externalities goes without --signals and --plot")
        return externalities_report(game, payments, prior)
    if signals != "private" or plot:
        from .signals_report import signals_report

        return signals_report(game, payments, prior, signals, plot)
    return _binary(game, payments, prior)


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


def _binary(game, payments: str, prior=None, result=None) -> Report:
    from .multireceiver import solve_binary

    r = result if result is not None else solve_binary(game, payments, prior)
    used = r.prior if r.prior is not None else game.prior
    lines = [f"receivers: {', '.join(game.receivers)}; payments: {payments}; prior ({', '.join(fmt(x) for x in used)})",
             f"sender's value net of payments: {fmt(r.value)}", "scheme (sets told to take action 1):"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{{{S}}} {fmt(q)}" for S, q in r.scheme[w].items()))
    if payments != "none":
        lines.append("expected payments Q1 (for following 1), Q0 (for following 0); per recommendation (eq. (12)) in brackets:")
        rule = r.payments
        for rec in game.receivers:
            q1, q0 = r.expected_payments[rec]
            def per(v: Fraction | None) -> str:
                return " [never told]" if v is None else f" [{fmt(v)}]"
            lines.append(f"  {rec}: Q1 {fmt(q1)}{per(rule[rec]['1'])}, Q0 {fmt(q0)}{per(rule[rec]['0'])}")
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
