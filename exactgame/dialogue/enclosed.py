r"""The report's part for rounds computed in enclosures (:mod:`.enclosure`): entries, lines, claims.

Rounds past the exact ones (the whole-square engine switches when a grid's lines pass
``square.ENCLOSE_DIGITS`` digits) are written under the document key ``enclosure_rounds``,
not ``rounds``: the contract's ``rounds`` carry exact numbers, and these are intervals.
Each payoff is an enclosure in the project's form (as ``logexp.Enclosure.to_dict``):
``{"lo", "hi"}`` exact decimal strings rounded outward, so ``lo <= value <= hi`` holds for the
exact value the exact engine would compute, given the round's structure, plus ``decimal`` (the
midpoint to 20 places, a display) and ``radius_digits`` (about :math:`-\log_{10}` of the ball's radius).

>>> from exactgame.dialogue.model import spy_game
>>> from exactgame.dialogue.square import alternate
>>> alt = alternate(spy_game(), 6, enclose_digits=3)
>>> e = enclosure_entries(alt, alt.payoffs(Fraction(1, 2), Fraction(1, 2)), ["sally", "bob"])
>>> e[-1]["t"], e[-1]["mode"], e[-1]["payoffs"]["sally"]["lo"][:12]     # Section 4: S = 0.801 at t = 6
(6, 'enclosure', '0.8016314019')
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

from ..numbers import decimal_str
from .enclosure import Enc, bounds, context_of, digits_of_radius
from .square import Alternation

__all__ = ["enclosure_entries", "enclosure_lines", "enclosure_summary", "outward_decimal", "PLACES", "is_enclosure", "midpoint_text"]

#: Decimal places of the printed bounds.
PLACES = 30


def outward_decimal(q: Fraction, places: int, up: bool) -> str:
    """``q`` rounded down (``up`` False) or up to ``places`` decimals, as a decimal string.

    Parameters
    ----------
    q : Fraction
    places : int
    up : bool

    Returns
    -------
    str
        A decimal ``d`` with ``d <= q`` (or ``d >= q`` when ``up``).

    >>> outward_decimal(Fraction(2, 3), 4, False), outward_decimal(Fraction(2, 3), 4, True), outward_decimal(Fraction(-1, 3), 2, False)
    ('0.6666', '0.6667', '-0.34')
    """
    scaled = q * 10**places
    n = math.ceil(scaled) if up else math.floor(scaled)
    sign, n = ("-" if n < 0 else ""), abs(n)
    whole, frac = divmod(n, 10**places)
    return f"{sign}{whole}.{frac:0{places}d}"


def _ball(x: Enc) -> dict[str, Any]:
    lo, hi = bounds(x)
    return {"lo": outward_decimal(lo, PLACES, False), "hi": outward_decimal(hi, PLACES, True),
            "decimal": decimal_str((lo + hi) / 2, 20), "radius_digits": digits_of_radius(x)}


def enclosure_entries(alt: Alternation, pays: Sequence[Sequence[Any]], players: Sequence[str]) -> list[dict[str, Any]]:
    """Document entries of the enclosure rounds: ``{t, mode, payoffs {player: ball}, welfare}``.

    Parameters
    ----------
    alt : Alternation
        The run (its ``enclosure`` says where the enclosures begin).
    pays : sequence of (Sally, Bob)
        Payoffs at the start point for t = 0..T (Enc for the enclosure rounds).
    players : sequence of str
        The two players' names.

    Returns
    -------
    list of dict
        One entry per round after ``alt.exact_rounds`` (empty when every round is exact).

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> alt = alternate(spy_game(), 5, enclose_digits=3)
    >>> [e["t"] for e in enclosure_entries(alt, alt.payoffs(Fraction(1, 2), Fraction(1, 2)), ["sally", "bob"])]
    [5]
    """
    if alt.enclosure is None:
        return []
    S, B = players
    out = []
    with alt.enclosure.context:
        for t in range(alt.exact_rounds + 1, len(pays)):
            a, b = pays[t]
            out.append({"t": t, "mode": "enclosure", "payoffs": {S: _ball(a), B: _ball(b)}, "welfare": _ball(a + b)})
    return out


def enclosure_summary(alt: Alternation) -> dict[str, Any] | None:
    """How the enclosure rounds were computed (document key ``enclosure``), or None.

    Parameters
    ----------
    alt : Alternation

    Returns
    -------
    dict or None
        ``first_round``, ``precision_bits``, ``restarts``, ``numbers`` (created, the union
        bound's count), ``tests`` (differences whose ball contained 0, decided by the modular
        test), ``ties`` (those declared 0), ``tie_error_log2`` (log2 of the bound on the probability that one is
        false), ``prime_bits``.

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> info = enclosure_summary(alternate(spy_game(), 6, enclose_digits=3))
    >>> info["first_round"], info["prime_bits"], info["tie_error_log2"] < -150
    (5, 256, True)
    """
    run = alt.enclosure
    if run is None:
        return None
    cx = run.context
    return {"first_round": run.first, "precision_bits": cx.prec, "restarts": run.restarts, "numbers": cx.numbers,
            "tests": cx.tests, "ties": cx.ties, "tie_error_log2": cx.error_log2, "prime_bits": cx.prime.bit_length()}


def enclosure_lines(alt: Alternation, pays: Sequence[Sequence[Any]]) -> list[str]:
    """The printed explanation under the table (empty when every round is exact).

    Parameters
    ----------
    alt : Alternation
    pays : sequence of (Sally, Bob)

    Returns
    -------
    list of str

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> alt = alternate(spy_game(), 6, enclose_digits=3)
    >>> enclosure_lines(alt, alt.payoffs(Fraction(1, 2), Fraction(1, 2)))[0][:40]
    'rounds 5-6 are enclosures, not certified'
    """
    info = enclosure_summary(alt)
    if info is None:
        return []
    with alt.enclosure.context:   # type: ignore[union-attr]
        worst = min(digits_of_radius(x) for v in pays[alt.exact_rounds + 1:] for x in v)
    err = f"at most 2^{info['tie_error_log2']}" if info["tie_error_log2"] is not None else "0"
    return [f"rounds {info['first_round']}-{len(pays) - 1} are enclosures, not certified: computed from round "
            f"{info['first_round'] - 1}'s exact grid with every number a ball around the exact value "
            f"({info['precision_bits']}-bit arb balls; radius at the start point below 10^-{worst}); signs decided by "
            f"the balls, {info['tests']:,} differences whose ball contained 0 ({info['ties']:,} ties) by a test modulo a random {info['prime_bits']}-bit prime (a Monte Carlo "
            f"decision: the probability that some tie is false, and the structure not the exact one, is {err})"]


def is_enclosure(x: Any) -> bool:
    """Is ``x`` an enclosure (not an exact number)?

    Parameters
    ----------
    x : number

    Returns
    -------
    bool

    >>> is_enclosure(Fraction(1, 2))
    False
    """
    return isinstance(x, Enc)


def midpoint_text(x: Enc, places: int = 12) -> str:
    """The ball's midpoint to ``places`` decimals, prefixed ``~`` (a rounded value).

    Parameters
    ----------
    x : Enc
    places : int, default 12

    Returns
    -------
    str

    >>> from exactgame.dialogue.enclosure import Context
    >>> midpoint_text(Enc.of(Fraction(2, 3), Context(prec=100, seed=0)), 4)
    '~0.6667'
    """
    with context_of(x):
        lo, hi = bounds(x)
    return decimal_str((lo + hi) / 2, places)
