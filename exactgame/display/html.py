"""A result as HTML for Jupyter (``_repr_html_``): the answer first, then what is certified,
then the rest folded away in ``<details>``.

>>> doc = {"command": "persuade", "value": "3/5", "claims": {"value": {"status": "certified",
...        "certificates": ["certificates/lp"], "proves": "the LP optimum"}}, "certificates": {"lp": {}}}
>>> out = to_html(doc)
>>> "<sup>3</sup>&frasl;<sub>5</sub>" in out, "<details>" in out, out.index("value") < out.index("certified")
(True, True, True)
"""

from __future__ import annotations

import html
import json
from typing import Any

from .exact import html_value
from .layout import Table, layout

__all__ = ["to_html", "table_html"]

#: Longest JSON text shown in a folded section (the document holds it all).
MAX_FOLDED_CHARS = 20_000

_STYLE = ("<style>.eg-result table{border-collapse:collapse;margin:0.3em 0}"
          ".eg-result td,.eg-result th{padding:0.15em 0.6em;text-align:left;border-bottom:1px solid #ddd}"
          ".eg-frac{white-space:nowrap}.eg-frac sup,.eg-frac sub{font-size:75%;line-height:0}"
          ".eg-caption{font-weight:bold;margin-top:0.5em}</style>")


def table_html(t: Table) -> str:
    """One :class:`~exactgame.display.layout.Table` as an HTML table with a caption line.

    Parameters
    ----------
    t : Table
        the table.

    Returns
    -------
    str
        an HTML fragment.

    >>> table_html(Table("nash", ("", "L"), [("nash", ["1/2"])]))[:41]
    '<div class="eg-caption">nash</div><table>'
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in t.header)
    body = "".join("<tr><th>" + html.escape(label) + "</th>" + "".join(f"<td>{html_value(c)}</td>" for c in cells) + "</tr>"
                   for label, cells in t.rows)
    more = f"<tr><td colspan={len(t.header)}>... {t.omitted} more rows in the document</td></tr>" if t.omitted else ""
    return f'<div class="eg-caption">{html.escape(t.caption)}</div><table><tr>{head}</tr>{body}{more}</table>'


def _folded(summary: str, data: Any) -> str:
    text = json.dumps(data, indent=1, ensure_ascii=False, default=str)
    if len(text) > MAX_FOLDED_CHARS:
        text = text[:MAX_FOLDED_CHARS] + f"\n... ({len(text)} characters in all: see .document())"
    return f"<details><summary>{html.escape(summary)}</summary><pre>{html.escape(text)}</pre></details>"


def to_html(doc: Any, what: str | None = None) -> str:
    """A result document (or game, polytope, list of rows) as HTML.

    Parameters
    ----------
    doc : mapping or list
        what :func:`~exactgame.display.layout.layout` accepts.
    what : str, optional
        the title when the document names no command or game (see ``layout``).

    Returns
    -------
    str
        the answer tables, a "what is certified" table (status, certificates, what they
        prove or rest on), the other answer keys folded, and the certificates, game and
        options folded as JSON.

    >>> "<details><summary>certificates" in to_html({"command": "x", "value": "1", "certificates": {"lp": {}}})
    True
    """
    lay = layout(doc, what)
    parts = [_STYLE, '<div class="eg-result">', f"<p><strong>{html.escape(lay.title)}</strong></p>"]
    parts += [table_html(t) for t in lay.answer]
    if lay.claims:
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in c) + "</tr>" for c in lay.claims)
        parts.append('<div class="eg-caption">what is certified</div><table><tr><th>key</th><th>status</th>'
                     f"<th>certificates</th><th>proves / rests on</th></tr>{rows}</table>")
    if lay.more:
        parts.append("<details><summary>more answer keys</summary>" + "".join(table_html(t) for t in lay.more) + "</details>")
    certs = {k: v for k, v in lay.folded.items() if "certificate" in k}
    rest = {k: v for k, v in lay.folded.items() if "certificate" not in k}
    if certs:
        parts.append(_folded("certificates (re-checked by exactgame verify)", certs))
    if rest:
        parts.append(_folded("game, options and other keys", rest))
    parts.append("</div>")
    return "".join(parts)
