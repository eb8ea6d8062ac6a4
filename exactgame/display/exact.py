r"""Exact numbers and document values as text, LaTeX and HTML.

Result documents hold exact numbers as strings ``"p/q"`` (see :mod:`exactgame.results`);
these functions typeset them without ever going through a float: ``"-3/4"`` is
``-\frac{3}{4}`` in LaTeX and a stacked fraction in HTML. Text that is not an exact
number (a name, an algebraic number's display such as ``577/600 - sqrt(45259)/600``) is
escaped and shown as text.

>>> as_fraction("-3/4"), as_fraction("left"), as_fraction(True)
(Fraction(-3, 4), None, None)
>>> latex_value("-3/4"), latex_value("a_b"), latex_value(None)
('-\\frac{3}{4}', '\\text{a\\_b}', '\\text{--}')
>>> html_value("7/10")
'<span class="eg-frac"><sup>7</sup>&frasl;<sub>10</sub></span>'
>>> text_value([Fraction(1, 2), "1/3"])
'(1/2, 1/3)'
"""

from __future__ import annotations

import html
import re
from fractions import Fraction
from typing import Any

from ..numbers import fmt, latex

__all__ = ["as_fraction", "is_scalar", "is_flat", "text_value", "latex_value", "html_value", "latex_text"]

_EXACT = re.compile(r"^-?\d+(/\d+)?$")
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
#: longest text of one number shown in full; longer ones are cut in the middle (the document has them all)
MAX_DIGITS_SHOWN = 60


def as_fraction(v: Any) -> Fraction | None:
    """The exact number a document value holds, or None when it is not one.

    Parameters
    ----------
    v : object
        a document value: an exact string ``"p/q"`` or ``"n"``, an int or a Fraction.

    Returns
    -------
    Fraction or None
        None for booleans, names and anything else.

    >>> as_fraction("12"), as_fraction(Fraction(1, 3)), as_fraction("1.5")
    (Fraction(12, 1), Fraction(1, 3), None)
    """
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    if isinstance(v, str) and len(v) < 100_000 and _EXACT.match(v):
        return Fraction(v)
    return None


def is_scalar(v: Any) -> bool:
    """A leaf of a document: a number, a string, a boolean or None.

    Parameters
    ----------
    v : object
        a document value.

    Returns
    -------
    bool
        True for leaves.

    >>> is_scalar("1/2"), is_scalar([1])
    (True, False)
    """
    return v is None or isinstance(v, (str, int, float, Fraction, bool))


def is_flat(v: Any) -> bool:
    """A leaf, or a short list of leaves (a point, a belief): what one table cell shows.

    Parameters
    ----------
    v : object
        a document value.

    Returns
    -------
    bool
        True for leaves, lists of at most 12 leaves, and enclosures ``{lo, hi, decimal}``.

    >>> is_flat(["1/2", "1/2"]), is_flat({"a": 1}), is_flat({"lo": "1", "hi": "2", "decimal": "1.5"})
    (True, False, True)
    """
    if is_scalar(v) or _is_enclosure(v):
        return True
    return isinstance(v, (list, tuple)) and len(v) <= 12 and all(is_scalar(x) for x in v)


def _is_enclosure(v: Any) -> bool:
    return isinstance(v, dict) and {"lo", "hi"} <= set(v) and set(v) <= {"lo", "hi", "decimal", "width"}


def _cut(s: str) -> str:
    if len(s) <= MAX_DIGITS_SHOWN:
        return s
    half = MAX_DIGITS_SHOWN // 2
    return f"{s[:half]}...({len(s)} characters)...{s[-half // 2:]}"


def text_value(v: Any) -> str:
    """One document value as plain text (exact numbers as ``p/q``; lists as tuples).

    Parameters
    ----------
    v : object
        a flat document value (see :func:`is_flat`); deeper values are shown as ``{...}``.

    Returns
    -------
    str
        the text.

    >>> text_value(True), text_value({"lo": "1/3", "hi": "1/2", "decimal": "0.4"})
    ('yes', '~0.4 in [1/3, 1/2]')
    """
    if isinstance(v, bool):
        return "yes" if v else "no"
    if v is None:
        return "--"
    q = as_fraction(v)
    if q is not None:
        return _cut(fmt(q))
    if _is_enclosure(v):
        return (f"~{v['decimal']} in " if "decimal" in v else "in ") + f"[{text_value(v['lo'])}, {text_value(v['hi'])}]"
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(text_value(x) for x in v) + ")" if all(is_scalar(x) for x in v) else f"[{len(v)} items]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {text_value(x)}" for k, x in v.items()) + "}" if all(map(is_scalar, v.values())) else "{...}"
    return str(v)


def latex_text(s: str) -> str:
    r"""Escape text for LaTeX (``_`` becomes ``\_`` and so on).

    Parameters
    ----------
    s : str
        plain text.

    Returns
    -------
    str
        the escaped text.

    >>> latex_text("50% of a_1")
    '50\\% of a\\_1'
    """
    return "".join(_LATEX_SPECIAL.get(c, c) for c in s)


def latex_value(v: Any) -> str:
    r"""One document value in LaTeX math mode: ``\frac{p}{q}`` (``-\frac{p}{q}``), tuples, ``\text{...}``.

    Parameters
    ----------
    v : object
        a flat document value.

    Returns
    -------
    str
        LaTeX for math mode (wrap it in ``$...$`` in text).

    >>> latex_value(["1/2", "-1/2"]), latex_value(False)
    ('\\left(\\frac{1}{2}, -\\frac{1}{2}\\right)', '\\text{no}')
    """
    q = as_fraction(v)
    if q is not None:
        s = latex(q)
        return s if len(s) <= MAX_DIGITS_SHOWN + 10 else r"\text{" + latex_text(_cut(fmt(q))) + "}"
    if _is_enclosure(v):
        return (rf"\approx {latex_text(str(v['decimal']))} \in " if "decimal" in v else r"\in ") + \
            rf"\left[{latex_value(v['lo'])}, {latex_value(v['hi'])}\right]"
    if isinstance(v, (list, tuple)) and all(is_scalar(x) for x in v):
        return r"\left(" + ", ".join(latex_value(x) for x in v) + r"\right)"
    return r"\text{" + latex_text(text_value(v)) + "}"


def html_value(v: Any) -> str:
    """One document value as HTML: stacked exact fractions, tuples, escaped text.

    Parameters
    ----------
    v : object
        a flat document value.

    Returns
    -------
    str
        an HTML fragment.

    >>> html_value(["-1/2", 0])
    '(&minus;<span class="eg-frac"><sup>1</sup>&frasl;<sub>2</sub></span>, 0)'
    """
    q = as_fraction(v)
    if q is not None:
        sign = "&minus;" if q < 0 else ""
        if q.denominator == 1:
            return sign + html.escape(_cut(fmt(abs(q))))
        num, den = _cut(fmt(abs(q.numerator))), _cut(fmt(q.denominator))
        return f'{sign}<span class="eg-frac"><sup>{num}</sup>&frasl;<sub>{den}</sub></span>'
    if _is_enclosure(v):
        lead = f"&asymp;{html.escape(str(v['decimal']))} &isin; " if "decimal" in v else "&isin; "
        return lead + f"[{html_value(v['lo'])}, {html_value(v['hi'])}]"
    if isinstance(v, (list, tuple)) and all(is_scalar(x) for x in v):
        return "(" + ", ".join(html_value(x) for x in v) + ")"
    return html.escape(text_value(v))
