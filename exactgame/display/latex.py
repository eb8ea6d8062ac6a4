r"""A result as LaTeX: booktabs tables for a paper (:func:`to_latex`) and a MathJax display
for Jupyter (:func:`to_math`). Exact fractions are ``\frac{p}{q}``, negative ones ``-\frac{p}{q}``.

>>> doc = {"command": "bargain", "nash": {"L": "3/2", "R": "-1/2"},
...        "claims": {"nash": {"status": "certified", "certificates": ["c/nash"]}}}
>>> print(to_latex(doc))
% exactgame bargain
\begin{table}[htbp]
  \centering
  \begin{tabular}{@{}lllr@{}}
    \toprule
     & L & R & claim \\
    \midrule
    nash & $\frac{3}{2}$ & $-\frac{1}{2}$ & certified \\
    \bottomrule
  \end{tabular}
\end{table}
"""

from __future__ import annotations

from typing import Any

from .exact import as_fraction, latex_text, latex_value, text_value
from .layout import Table, layout

__all__ = ["to_latex", "to_math", "table_latex"]


def _cell(v: Any) -> str:
    """Numbers and tuples in math mode, names and other text as text."""
    if v == "":
        return ""
    if isinstance(v, str) and as_fraction(v) is None or isinstance(v, bool) or v is None:
        return latex_text(text_value(v))
    return f"${latex_value(v)}$"


def _status(label: str, notes: list[str]) -> str:
    """A claim's status word in the table; what it rests on (or misses) as a numbered note."""
    for word in ("conditional", "not certified"):
        if label.startswith(word) and label != word:
            notes.append(label)
            return f"{word}$^{{{len(notes)}}}$"
    return latex_text(label)


def table_latex(t: Table) -> list[str]:
    r"""One :class:`~exactgame.display.layout.Table` as a booktabs ``tabular`` (lines).

    The ``claim`` column, when there is one, is text; every other cell is math.

    Parameters
    ----------
    t : Table
        the table.

    Returns
    -------
    list of str
        ``\begin{tabular}`` ... ``\end{tabular}``, indented for a ``table`` environment.

    >>> table_latex(Table("outcome", ("", "a"), [("w0", ["1/2"])]))[-3]
    '    w0 & $\\frac{1}{2}$ \\\\'
    """
    claim_col = t.header[-1] == "claim"
    spec = "l" + "l" * (len(t.header) - 1 - claim_col) + ("r" if claim_col else "")
    out = [f"  \\begin{{tabular}}{{@{{}}{spec}@{{}}}}", "    \\toprule",
           "    " + " & ".join(latex_text(h) for h in t.header) + r" \\", "    \\midrule"]
    notes: list[str] = []
    for label, cells in t.rows:
        shown = [_status(str(c), notes) if claim_col and i == len(cells) - 1 else _cell(c) for i, c in enumerate(cells)]
        out.append("    " + " & ".join([latex_text(label), *shown]) + r" \\")
    if t.omitted:
        out.append(f"    \\multicolumn{{{len(t.header)}}}{{@{{}}l}}{{\\footnotesize {t.omitted} more rows in the JSON document}} \\\\")
    out += ["    \\bottomrule", "  \\end{tabular}"]
    out += [f"  \\par{{\\footnotesize $^{{{i}}}$ {latex_text(n)}}}" for i, n in enumerate(notes, 1)]
    return out


def to_latex(doc: Any, more: bool = False, what: str | None = None) -> str:
    r"""A result document as LaTeX tables (booktabs: ``\toprule``, ``\midrule``, ``\bottomrule``).

    One ``table`` environment with a ``tabular`` per answer table (the headline keys: flat
    values with their claim status, then the outcome, the posteriors, the solutions per agent,
    ...); a table showing one key notes its status in a comment. Needs ``\usepackage{booktabs}``.

    Parameters
    ----------
    doc : mapping or list
        what :func:`~exactgame.display.layout.layout` accepts.
    what : str, optional
        the title when the document names no command or game (see ``layout``).
    more : bool, optional
        also the other answer keys (default: the headline only).

    Returns
    -------
    str
        LaTeX source, starting with a comment line naming the command and the game.

    >>> to_latex({"command": "persuade", "value": "-2/3"}).splitlines()[7]
    '    value & $-\\frac{2}{3}$ &  \\\\'
    """
    lay = layout(doc, what)
    out = [f"% {lay.title}", r"\begin{table}[htbp]", r"  \centering"]
    tables = lay.answer + (lay.more if more else [])
    for i, t in enumerate(tables):
        if i:
            out.append(r"  \medskip")
        if t.caption not in ("answer",) and t.header[-1] != "claim":
            out.append(f"  % {t.caption}")
        out += table_latex(t)
    if not tables:
        out.append(r"  \emph{(no answer keys)}")
    out.append(r"\end{table}")
    return "\n".join(out)


def to_math(doc: Any, what: str | None = None) -> str:
    r"""The headline of a result as one MathJax display (``$$\begin{array}...$$``): what
    ``_repr_latex_`` shows in Jupyter, whose MathJax has no ``tabular``.

    Parameters
    ----------
    doc : mapping or list
        what :func:`~exactgame.display.layout.layout` accepts.
    what : str, optional
        the title when the document names no command or game (see ``layout``).

    Returns
    -------
    str
        the display.

    >>> to_math({"command": "persuade", "value": "3/5"})
    '$$\\begin{array}{lll}\\text{} & \\text{value} & \\text{claim} \\\\ \\hline \\text{value} & \\frac{3}{5} & \\text{} \\\\ \\end{array}$$'
    """
    lay = layout(doc, what)
    blocks = []
    for t in lay.answer:
        head = " & ".join(rf"\text{{{latex_text(h)}}}" for h in t.header) + r" \\ \hline "
        claim_col = t.header[-1] == "claim"
        rows = ""
        for label, cells in t.rows:
            shown = [rf"\text{{{latex_text(str(c))}}}" if claim_col and i == len(cells) - 1 else latex_value(c) if c != "" else ""
                     for i, c in enumerate(cells)]
            rows += " & ".join([rf"\text{{{latex_text(label)}}}", *shown]) + r" \\ "
        blocks.append(rf"\begin{{array}}{{{'l' * len(t.header)}}}{head}{rows}\end{{array}}")
    return "$$" + r" \quad ".join(blocks) + "$$" if blocks else "$$\\text{" + latex_text(lay.title) + "}$$"
