"""What a result shows first: a document split into the answer, the claims and the folded rest.

Every renderer (HTML for Jupyter, LaTeX for papers, the one-sentence ``repr``) reads a result
through :func:`layout`, so they agree on the order: the answer (the command's headline keys,
as tables: the outcome per state, the posteriors with their weights, the bargaining solutions
per agent, the rounds), then what is certified (one row per claim), then the other answer
keys, the certificates and the game, which a reader unfolds when needed.

>>> doc = {"command": "bargain", "disagreement": {"L": "1", "R": "0"}, "nash": {"L": "3/2", "R": "1/2"},
...        "claims": {"nash": {"status": "certified", "certificates": ["certificates/nash"]}},
...        "certificates": {"nash": {}}}
>>> lay = layout(doc)
>>> [t.header for t in lay.answer], [r[0] for r in lay.answer[0].rows]
([('', 'L', 'R', 'claim')], ['disagreement', 'nash'])
>>> lay.claims, sorted(lay.folded)
([('nash', 'certified', 'nash', '')], ['certificates', 'command'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .exact import is_flat, text_value

__all__ = ["Table", "Layout", "layout", "claim_label", "HEADLINE", "PROTOCOL"]

#: The answer keys shown first, per command, in this order (the rest are folded under "more").
HEADLINE: dict[str, tuple[str, ...]] = {
    "payoffs": ("prior_used", "prior", "states"),
    "efficiency": ("efficient", "class", "compatible", "actions_taken", "bound", "ex_post_efficient"),
    "persuade": ("value", "prior", "payments", "expected_payments", "bp_efficient", "receiver_value", "outcome",
                 "posteriors"),
    "cheaptalk": ("sender_value", "is_equilibrium", "influential", "efficient", "preferred_action", "messages", "outcome"),
    "bargain": ("beneficial_agreement_exists", "disagreement", "ideal", "egalitarian", "kalai_smorodinsky", "nash",
                "beneficial"),
    "dialogue": ("efficient_welfare", "message_complexity", "message_complexity_lower_bound", "rounds"),
    "acquisition": ("implementable", "revenue", "gross_surplus", "subsidy"),
    "verify": ("verified", "command", "game_sha256", "proved"),
}
#: Keys of the result protocol: shown folded, never as the answer.
PROTOCOL = ("schema", "command", "game", "game_sha256", "options", "claims", "method", "plot")
#: Most rows a table shows (the document holds them all).
MAX_ROWS = 40
#: Most columns a flattened table may have.
MAX_COLUMNS = 12


@dataclass
class Table:
    """One table of a layout: a caption, the header (the first entry heads the row labels),
    rows ``(label, cells)`` and how many rows were left out.

    Parameters
    ----------
    caption : str
        what the table shows (document keys).
    header : tuple of str
        column headers, the first for the row labels.
    rows : list of (str, list)
        the row label and one flat document value per further column.
    omitted : int, optional
        rows not shown.
    keys : list of str, optional
        the document keys the table shows.

    >>> Table("outcome", ("state", "a"), [("w0", ["1"])]).caption
    'outcome'
    """

    caption: str
    header: tuple[str, ...]
    rows: list[tuple[str, list[Any]]]
    omitted: int = 0
    keys: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """A document laid out: ``title``, ``answer`` tables, ``claims`` rows
    ``(key, status, certificates, what it proves or rests on)``, ``more`` (other answer keys, as
    tables) and ``folded`` (certificates, game, options: raw JSON data).

    Parameters
    ----------
    title : str
        one line naming the command and the game.
    answer, more : list of Table
        the tables.
    claims : list of tuple of str
        one row per claim.
    folded : dict
        the rest of the document.

    >>> Layout("t", [], [], [], {}).title
    't'
    """

    title: str
    answer: list[Table]
    claims: list[tuple[str, str, str, str]]
    more: list[Table]
    folded: dict[str, Any] = field(default_factory=dict)


def claim_label(status: str, rests_on: str | None = None, why: str | None = None) -> str:
    """``certified``, ``conditional on ...`` or ``not certified (...)``: a claim's status as text.

    Parameters
    ----------
    status : str
        ``certified``, ``conditional`` or ``not certified``.
    rests_on, why : str or None
        the premise of a conditional claim, what a claim that is not certified misses.

    Returns
    -------
    str
        the label.

    >>> claim_label("conditional", rests_on="Theorem 1"), claim_label("not certified", why="a float search")
    ('conditional on Theorem 1', 'not certified (a float search)')
    """
    if status == "conditional":
        return f"conditional on {rests_on}"
    if status == "not certified":
        return f"not certified ({why})" if why else "not certified"
    return status


def _flatten(d: Mapping[str, Any], prefix: str = "", depth: int = 0) -> dict[str, Any] | None:
    """``{a: {b: 1}}`` -> ``{"a/b": 1}`` down to flat values; None when deeper than two levels."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if is_flat(v):
            out[prefix + str(k)] = v
        elif isinstance(v, Mapping) and depth < 1:
            sub = _flatten(v, f"{prefix}{k}/", depth + 1)
            if sub is None:
                return None
            out.update(sub)
        else:
            return None
    return out


def _grid(caption: str, first: str, labelled: Sequence[tuple[str, Any]]) -> Table | None:
    """Rows of flattenable mappings as a table with the union of their keys as columns."""
    flat = []
    for label, row in labelled:
        f = _flatten(row) if isinstance(row, Mapping) else None
        if f is None:
            return None
        flat.append((label, f))
    columns: list[str] = []
    for _, f in flat:
        columns += [c for c in f if c not in columns]
    if not columns or len(columns) > MAX_COLUMNS:
        return None
    rows = [(label, [f.get(c, "") for c in columns]) for label, f in flat[:MAX_ROWS]]
    return Table(caption, (first, *columns), rows, max(0, len(flat) - MAX_ROWS))


def _record(key: str, value: Mapping[str, Any]) -> Table | None:
    """A mapping of mixed fields as a (field, value) table: the flat fields, one level of flat
    sub-fields as ``field/sub``, and a pointer to the document for deeper ones."""
    rows: list[tuple[str, list[Any]]] = []
    for k, v in value.items():
        sub = _flatten(v) if isinstance(v, Mapping) else None
        if is_flat(v):
            rows.append((str(k), [v]))
        elif sub is not None and len(sub) <= MAX_COLUMNS:
            rows += [(f"{k}/{j}", [x]) for j, x in sub.items()]
        else:
            rows.append((str(k), ["(in the document)"]))
    if not any(c[0] != "(in the document)" for _, c in rows):
        return None
    return Table(key, ("", "value"), rows[:MAX_ROWS], max(0, len(rows) - MAX_ROWS))


def as_table(key: str, value: Any) -> Table | None:
    """A document value as a table, or None when it does not make one.

    A mapping of mappings (``outcome``: state -> action -> probability; ``posteriors``:
    action -> weight and belief) has a row per outer key; a list of mappings (``rounds``) a
    row per item; a mapping of flat values (``nash``: agent -> payoff) one row.

    Parameters
    ----------
    key : str
        the document key (the caption).
    value : object
        its value.

    Returns
    -------
    Table or None
        the table.

    >>> as_table("outcome", {"w0": {"a": "1"}, "w1": {"a": "1/2", "b": "1/2"}}).rows
    [('w0', ['1', '']), ('w1', ['1/2', '1/2'])]
    >>> as_table("value", "3/5") is None
    True
    >>> as_table("subsidy", {"status": "conditional", "revenue": {"lo": "1", "hi": "2"}, "deep": [[1]]}).rows
    [('status', ['conditional']), ('revenue', [{'lo': '1', 'hi': '2'}]), ('deep', ['(in the document)'])]
    """
    if isinstance(value, Mapping) and value and all(is_flat(v) for v in value.values()):
        return _grid(key, "", [(key, value)])
    if isinstance(value, Mapping) and value:
        return _grid(key, "", [(str(k), v) for k, v in value.items()]) or _record(key, value)
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return _grid(key, "#", [(str(i), v) for i, v in enumerate(value)])
    if isinstance(value, list) and value and all(is_flat(v) and isinstance(v, list) for v in value):
        width = max(len(v) for v in value)
        return _grid(key, "#", [(str(i), {f"x{j + 1}": x for j, x in enumerate(v)}) for i, v in enumerate(value)]) \
            if width <= MAX_COLUMNS else None
    return None


def _claims(doc: Mapping[str, Any]) -> dict[str, tuple[str, str, str, str]]:
    out = {}
    for key, c in (doc.get("claims") or {}).items():
        if not isinstance(c, Mapping):
            continue
        certs = ", ".join(str(p).rsplit("/", 1)[-1] for p in c.get("certificates") or ())
        note = c.get("proves") or c.get("rests_on") or c.get("why") or ""
        out[key] = (key, claim_label(str(c.get("status")), c.get("rests_on"), c.get("why")), certs, str(note))
    return out


def _answer_tables(items: Sequence[tuple[str, Any]], status: Mapping[str, str]) -> list[Table]:
    """Flat values in one table (key, value, claim); consecutive per-agent (per-state) mappings
    with the same keys in one table; each other value in its own table when it makes one."""
    tables: list[Table] = []
    scalars = Table("answer", ("", "value", "claim"), [])
    for key, value in items:
        if is_flat(value):
            scalars.rows.append((key, [value, status.get(key, "")]))
            scalars.keys.append(key)
            continue
        t = as_table(key, value)
        if t is None:
            continue
        last = tables[-1] if tables else None
        if (t.caption == key and len(t.rows) == 1 and t.rows[0][0] == key and last is not None
                and last.header[1:-1] == t.header[1:] and last.header[-1] == "claim"):
            last.rows.append((key, [*t.rows[0][1], status.get(key, "")]))
            last.caption += f", {key}"
            last.keys.append(key)
        elif len(t.rows) == 1 and t.rows[0][0] == key:
            tables.append(Table(key, (*t.header, "claim"), [(key, [*t.rows[0][1], status.get(key, "")])], keys=[key]))
        else:
            if key in status:
                t.caption += f" ({status[key]})"
            t.keys = [key]
            tables.append(t)
    return ([scalars] if scalars.rows else []) + tables


def _title(doc: Mapping[str, Any], what: str | None) -> str:
    command = doc.get("command")
    if not command and "kind" in doc:
        return describe_game(doc)
    if not command and what:
        return what
    game = doc.get("game") if isinstance(doc.get("game"), Mapping) else None
    bits = [f"exactgame {command}" if command else "exactgame"]
    if game is not None:
        bits.append(describe_game(game))
    if isinstance(doc.get("game_sha256"), str):
        bits.append(f"game sha256 {doc['game_sha256'][:12]}")
    return "; ".join(bits)


def describe_game(canon: Mapping[str, Any]) -> str:
    """A game's canonical form in a few words: its kind and its named lists.

    Parameters
    ----------
    canon : mapping
        a canonical game (``game.canonical()``, or ``game`` of a result document).

    Returns
    -------
    str
        e.g. ``"sender-receiver game, states innocent, guilty; actions acquit, convict; prior (7/10, 3/10)"``.

    >>> describe_game({"kind": "bargaining", "agents": ["L", "R"], "prior": ["1/2", "1/2"]})
    'bargaining game, agents L, R; prior (1/2, 1/2)'
    """
    names = []
    for key, v in canon.items():
        if key == "kind" or not isinstance(v, list) or not v:
            continue
        if all(isinstance(x, str) and not _is_number_text(x) for x in v):
            shown = ", ".join(v[:8]) + (f", ... ({len(v)})" if len(v) > 8 else "")
            names.append(f"{key} {shown}")
        elif key.endswith("prior") and is_flat(v):
            names.append(f"{key} {text_value(v)}")
    kind = str(canon.get("kind", "game"))
    return (kind if kind.endswith("game") else f"{kind} game") + (", " + "; ".join(names) if names else "")


def _is_number_text(s: str) -> bool:
    from .exact import as_fraction

    return as_fraction(s) is not None


def layout(doc: Any, what: str | None = None) -> Layout:
    """Lay out a result document (or any JSON-ready mapping or list of rows).

    Parameters
    ----------
    doc : mapping or list
        a result document (``--json`` of any subcommand), a canonical game, a polytope's
        ``to_dict()``, or a list of rows (``reproduce``).
    what : str, optional
        the title of a document that names no command and no game kind (e.g. ``Polytope``).

    Returns
    -------
    Layout
        answer tables first (headline keys of :data:`HEADLINE`), the claims, the other answer
        keys, and the folded rest (the protocol keys and every key holding certificates).

    >>> lay = layout([{"source": "a.txt", "item": "Example 1", "ok": True}])
    >>> lay.answer[0].header, lay.answer[0].rows
    (('#', 'source', 'item', 'ok'), [('0', ['a.txt', 'Example 1', True])])
    """
    if isinstance(doc, list):
        t = as_table("rows", doc)
        return Layout(what or "exactgame", [t] if t else [], [], [], {} if t else {"rows": doc})
    claims = _claims(doc)
    status = {k: c[1] for k, c in claims.items()}
    folded = {k: v for k, v in doc.items() if k in PROTOCOL and k != "claims" or "certificate" in k}
    answer = {k: v for k, v in doc.items() if k not in PROTOCOL and "certificate" not in k}
    head = [k for k in HEADLINE.get(str(doc.get("command")), ()) if k in answer] or list(answer)
    first = _answer_tables([(k, answer[k]) for k in head], status)
    rest_items = [(k, v) for k, v in answer.items() if k not in head]
    more = _answer_tables(rest_items, status)
    shown = {k for t in first + more for k in t.keys}
    folded.update({k: v for k, v in answer.items() if k not in shown})
    return Layout(_title(doc, what), first, list(claims.values()), more, folded)

