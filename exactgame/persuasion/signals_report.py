r"""``persuade --signals private|public|both`` and ``--plot`` for multi-receiver files, as a Report.

* ``private``: LP-Binary as without the option (the document is the same);
* ``public``: LP-Public (:func:`~exactgame.persuasion.public.solve_public`), its keys at the top level;
* ``both``: LP-Binary's keys at the top level, LP-Public's under ``public`` (its certificate at
  ``certificates/public_lp``) and ``private_minus_public``.

``--plot`` (two states) describes a figure of the public value function V, its concave envelope
(the public optimum at every prior) and the private optimum at 21 priors, the prior marked.

>>> from exactgame.persuasion.multireceiver import MultiReceiverGame
>>> r = signals_report(MultiReceiverGame.example(), "none", None, "both")
>>> d = r.document()
>>> d["value"], d["public"]["value"], d["private_minus_public"], r.verify()
('5/3', '3/2', '1/6', True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..certificates import encode
from ..errors import InputError
from ..results import FigureSpec, Report, certified
from .public import SIGNALS, compare_signals, comparison_lines, solve_public

__all__ = ["signals_report", "private_curve", "externalities_report"]

#: Priors at which ``--plot`` marks the private optimum (p(second state) = k / PLOT_STEPS).
PLOT_STEPS = 20


def signals_report(game: Any, payments: str, prior: Sequence[Any] | None, signals: str, plot: str | None = None) -> Report:
    """The report of ``persuade FILE --signals SIGNALS [--plot PNG]`` for a multi-receiver game (module doc).

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    payments : str
        The payment model; public signals are solved without payments, so ``public`` and
        ``both`` need ``none``.
    prior : sequence or None
        The prior (default the game's).
    signals : {"private", "public", "both"}
        Which signals.
    plot : str, optional
        A figure to describe (two states only).

    Returns
    -------
    Report
        Command ``persuade``, options ``payments``, ``signals`` (unless private) and ``prior``.

    Raises
    ------
    InputError
        On an unknown ``signals``, payments with public signals, or ``plot`` without two states.

    >>> from exactgame.persuasion.multireceiver import MultiReceiverGame
    >>> signals_report(MultiReceiverGame.example(), "none", None, "public").document()["value"]
    '3/2'
    """
    from .report import _binary

    if signals not in SIGNALS:
        raise InputError(f"--signals: unknown choice {signals!r}; one of {', '.join(SIGNALS)}")
    if signals != "private" and payments != "none":
        raise InputError("--signals public/both: the public signal is solved without payments; use --payments none")
    if plot and len(game.states) != 2:
        raise InputError(f"--plot for multi-receiver files needs two states (this game has {len(game.states)})")
    if signals == "private":
        rep = _binary(game, payments, prior)
    elif signals == "public":
        rep = _public(game, prior)
    else:
        rep = _both(game, prior)
    if not plot:
        return rep
    used = tuple(rep.options.get("prior", game.prior))
    figure = FigureSpec("plot_signals", {"game": game, "prior": used, "private": private_curve(game, payments, extra=used[1]),
                                         "payments": payments}, plot)
    return Report(rep.command, rep.game, rep.options, {**rep.body, "plot": plot}, rep.claims,
                  rep.lines + (f"figure: {plot}",), figure=figure)


def _options(signals: str, prior) -> dict[str, Any]:
    return {"payments": "none", "signals": signals, **({} if prior is None else {"prior": prior})}


def _public(game, prior) -> Report:
    r = solve_public(game, prior)
    used = r.solved_game().prior
    lines = [f"receivers: {', '.join(game.receivers)}; one public signal, no payments", *comparison_lines(r, used)]
    return Report("persuade", game, _options("public", r.prior), r.to_dict(), tuple(r.claims()), tuple(lines))


def _both(game, prior) -> Report:
    from .report import _binary

    c = compare_signals(game, prior)
    priv = _binary(game, "none", prior)
    body = dict(priv.body)
    pub = c.public.to_dict()
    body["certificates"] = {**body["certificates"], "public_lp": pub.pop("certificates")["lp"]}
    pub.pop("method")
    body["signals"] = "both"
    body["public"] = pub
    body["private_minus_public"] = encode(c.gap)
    claims = (*priv.claims, *c.public.claims("public/", "certificates/public_lp"),
              certified("private_minus_public", "certificates/lp", "certificates/public_lp",
                        proves="the difference of the two certified optima (>= 0: every public scheme is a private one)"))
    lines = (*priv.lines, *comparison_lines(c, c.public.solved_game().prior))
    return Report("persuade", game, _options("both", c.public.prior), body, claims, lines)


def private_curve(game: Any, payments: str = "none", steps: int = PLOT_STEPS,
                  extra: Any = None) -> list[tuple[Fraction, Fraction]]:
    """The private optimum (LP-Binary) at the priors ``p(second state) = k / steps`` (two states) and ``extra``.

    Parameters
    ----------
    game : MultiReceiverGame
        A game with two states.
    payments : str
        The payment model.
    steps : int
        The number of intervals of the grid.
    extra : Fraction, optional
        One more ``p(second state)`` (the prior, marked in the figure).

    Returns
    -------
    list of (Fraction, Fraction)
        ``(p(second state), value)`` pairs, exact.

    >>> from exactgame.persuasion.multireceiver import MultiReceiverGame
    >>> private_curve(MultiReceiverGame.example(), steps=2)
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(5, 3)), (Fraction(1, 1), Fraction(2, 1))]
    """
    from .multireceiver import solve_binary

    qs = sorted({Fraction(k, steps) for k in range(steps + 1)} | ({Fraction(extra)} if extra is not None else set()))
    return [(q, solve_binary(game, payments, [1 - q, q]).value) for q in qs]


def externalities_report(game: Any, payments: str, prior: Sequence[Any] | None) -> Report:
    """``persuade FILE --externalities``: LP-Binary (no payments) and Appendix B under ``externalities``
    (:func:`~exactgame.persuasion.externalities.lemma4`), the reduced LP's certificate at
    ``certificates/reduced_lp``.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    payments : str
        Must be ``none`` (Appendix B has no payments).
    prior : sequence or None
        The prior.

    Returns
    -------
    Report
        Options ``payments``, ``externalities`` (True) and ``prior``.

    Raises
    ------
    InputError
        With payments.

    >>> from exactgame.persuasion.externalities import positive_example
    >>> r = externalities_report(positive_example(), "none", None)
    >>> r.document()["externalities"]["lemma4_holds"], r.verify()
    (True, True)
    """
    from .externalities import lemma4
    from .report import _binary

    if payments != "none":
        raise InputError("--externalities: Appendix B of 003 has no payments; use --payments none")
    lem = lemma4(game, prior)
    priv = _binary(game, "none", prior, result=lem.full)
    body = dict(priv.body)
    body["externalities"] = lem.to_dict()
    body["certificates"] = {**body["certificates"], "reduced_lp": {"certificate": "lp-optimal", "x": encode(lem.reduced.x),
                                                                   "y_ub": encode(lem.reduced.y_ub), "y_eq": encode(lem.reduced.y_eq)}}
    d = body["externalities"]
    lines = [*priv.lines,
             f"Definition 6 (positive externalities): {'yes' if d['positive_externalities'] else 'no, ' + str(d['externality_witness'])}",
             f"sender's f monotone: {'yes' if d['monotone_sender'] else 'no, ' + str(d['monotone_witness'])}",
             f"LP-Binary without (**) (Lemma 4): {d['reduced_value']}; LP-Binary: {d['lp_binary_value']}; "
             f"equal: {'yes' if d['lemma4_holds'] else 'no'}",
             "final primal-dual LP: alpha " + ", ".join(d["alpha"]) + "; y " + ", ".join(d["y"]),
             f"Lemma 4 repair of the reduced optimum: {d['repair_moves']} moves, feasible for LP-Binary: "
             f"{'yes' if d['repaired_feasible'] else 'no'}, value {d['repaired_value']}"]
    options = {"payments": "none", "externalities": True, **({} if lem.prior is None else {"prior": lem.prior})}
    return Report("persuade", game, options, body, (*priv.claims, *lem.claims()), tuple(lines))
