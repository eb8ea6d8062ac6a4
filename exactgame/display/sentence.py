"""A result's ``repr``: one sentence with the headline answer and its status, not nested
``Fraction(...)``.

>>> doc = {"command": "persuade", "value": "3/5", "outcome": {"w0": {"a": "1"}},
...        "claims": {"value": {"status": "certified", "certificates": ["certificates/lp"]}}}
>>> sentence(doc)
'exactgame persuade: value = 3/5 (certified); outcome per w0; .document() has everything'
"""

from __future__ import annotations

from typing import Any, Mapping

from .exact import is_flat, text_value
from .layout import HEADLINE, PROTOCOL, describe_game

__all__ = ["sentence"]

#: Most headline keys a sentence names.
MAX_KEYS = 4
#: Longest text of one value in a sentence.
MAX_VALUE = 70


def _short(v: Any) -> str:
    if isinstance(v, Mapping) and not all(is_flat(x) for x in v.values()):
        s = "per " + ", ".join(map(str, v))
    elif isinstance(v, list) and not is_flat(v):
        s = f"[{len(v)} items]"
    else:
        s = text_value(v)
    return s if len(s) <= MAX_VALUE else s[: MAX_VALUE - 3] + "..."


def sentence(doc: Any, what: str | None = None) -> str:
    """One line saying what was computed, the first headline keys with their values and
    claim status, and where the rest is.

    Parameters
    ----------
    doc : mapping or list
        a result document, a canonical game (with ``kind``) or a list of rows.
    what : str, optional
        the subject, when the document has no ``command`` (default ``exactgame``).

    Returns
    -------
    str
        the sentence.

    >>> sentence({"kind": "sender-receiver", "states": ["g", "i"], "prior": ["1/2", "1/2"]})
    'sender-receiver game, states g, i; prior (1/2, 1/2)'
    >>> sentence([{"ok": True}, {"ok": False}], "reproduce")
    'reproduce: 2 rows'
    """
    if isinstance(doc, list):
        return f"{what or 'exactgame'}: {len(doc)} rows"
    if "kind" in doc and "command" not in doc:
        return describe_game(doc)
    status = {k: c.get("status") for k, c in (doc.get("claims") or {}).items() if isinstance(c, Mapping)}
    command = doc.get("command")
    keys = [k for k in HEADLINE.get(str(command), ()) if k in doc] or [k for k in doc if k not in PROTOCOL and "certificate" not in k]
    parts = []
    for k in keys[:MAX_KEYS]:
        sep = " = " if is_flat(doc[k]) else " "
        parts.append(f"{k}{sep}{_short(doc[k])}" + (f" ({status[k]})" if k in status else ""))
    head = f"exactgame {command}" if command else (what or "exactgame")
    tail = [".document() has everything"] if command else [f"{len(keys) - MAX_KEYS} more keys"] if len(keys) > MAX_KEYS else []
    return f"{head}: " + "; ".join(parts + tail)
