"""Game files: TOML, or the same structure in JSON (format in design.md and the README).

Numbers are ints, or strings holding an integer, a fraction or a decimal; numeric
literals are read exactly from their text, so ``6.4`` in a file means 32/5. Every
problem becomes an :class:`~exactgame.errors.InputError` whose message names the
file, the key and what is wrong; nothing in a file is ever evaluated.

Each ``kind`` has a loader, registered with :func:`register_kind`; the modules
that add kinds (bilateral trade, bargaining, ...) register theirs.

>>> g = loads_game('''
... kind = "sender-receiver"
... states = ["w0", "w1"]
... actions = ["a0", "a1"]
... prior = ["7/10", 0.3]
... [payoffs.sender]
... w0 = [0, 1]
... w1 = [0, 1]
... [payoffs.receiver]
... w0 = [1, 0]
... w1 = [0, 6.4]
... ''')
>>> g.prior, g.receiver["w1"][1]
((Fraction(7, 10), Fraction(3, 10)), Fraction(32, 5))
"""

from __future__ import annotations

import json
import re
import os
import stat
import tomllib
from typing import Any, Callable, Mapping

from ..errors import InputError
from ..numbers import parse_number
from .model import Game, SenderReceiverGame, only_known

__all__ = ["load_game", "loads_game", "load_document", "parse_document", "register_kind", "kinds", "MAX_FILE_BYTES", "get", "require_keys"]

#: Largest game file accepted (bytes).
MAX_FILE_BYTES = 20 * 1024 * 1024

Loader = Callable[[Mapping[str, Any]], Any]
_KINDS: dict[str, Loader] = {}

#: Game-file kinds defined outside this module, and the module that registers each: imported on
#: first use (a test keeps this table equal to what a full import registers).
KIND_MODULES: dict[str, str] = {
    "acquisition": "exactgame.acquisition.model",
    "action-types": "exactgame.persuasion.action_types",
    "bargaining": "exactgame.bargaining.model",
    "bilateral-trade": "exactgame.dialogue.model",
    "buyer-seller": "exactgame.persuasion.buyer_seller_report",
    "dialogue": "exactgame.dialogue.model",
    "multi-receiver": "exactgame.persuasion.multireceiver",
    "peer-selection": "exactgame.peer_selection_report",
    "price-discrimination": "exactgame.bargaining.privacy",
}


def register_kind(kind: str, loader: Loader) -> None:
    """Register the loader of a game-file ``kind``; a later registration of the same kind replaces it.

    Parameters
    ----------
    kind : str
        The value of the file's ``kind`` key.
    loader : callable
        A function from the parsed document (a mapping) to a model; it raises
        :class:`~exactgame.errors.InputError` on a malformed document.

    >>> register_kind("doc-example", lambda doc: doc["n"])
    >>> loads_game('{"kind": "doc-example", "n": 3}'), "doc-example" in kinds()
    (3, True)
    >>> del _KINDS["doc-example"]
    """
    _KINDS[kind] = loader


def kinds() -> list[str]:
    """The known game-file kinds: those registered and those whose module is imported on first use.

    Returns
    -------
    list of str
        The kinds, sorted.

    >>> [k for k in kinds() if k in ("game", "sender-receiver", "multi-receiver")]
    ['game', 'multi-receiver', 'sender-receiver']
    """
    return sorted(set(_KINDS) | set(KIND_MODULES))


def _json_constant(name: str) -> Any:
    raise InputError(f"{name} is not a finite number; exact answers need finite rationals")


def _json_int(text: str) -> int:
    if len(text) > 4000:
        raise InputError(f"an integer of {len(text)} digits is too long (at most 4000)")
    return int(text)


def _document_text(text: Any) -> str:
    """The text of a document given as str or UTF-8 bytes; InputError if it is neither or is blank."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the text is not UTF-8") from None
    if not isinstance(text, str):
        raise InputError(f"expected the text of a TOML or JSON game file, got {type(text).__name__}")
    if not text.strip():
        raise InputError("the file is empty")
    return text


_BARE_FRACTION = re.compile(r"""(?<!["'\w.])-?\d+\s*/\s*\d+(?!["'\w])""")


def _fraction_hint(text: str, exc: Exception) -> str:
    """A hint when the failing TOML line holds an unquoted fraction such as ``7/10`` (TOML has
    no fractions: exactgame reads them from strings, ``"7/10"``)."""
    lineno = getattr(exc, "lineno", None)   # Python >= 3.14; before, only the message has it
    at = re.search(r"at line (\d+)", str(exc))
    if lineno is None and at:
        lineno = int(at.group(1))
    lines = text.splitlines()
    line = lines[lineno - 1] if isinstance(lineno, int) and 0 < lineno <= len(lines) else ""
    found = _BARE_FRACTION.search(line.split("#", 1)[0])
    return f'; TOML has no fractions: quote them, e.g. "{found.group(0).replace(" ", "")}"' if found else ""


def parse_document(text: str, fmt: str | None = None) -> Mapping[str, Any]:
    """Parse TOML or JSON text exactly: floats become Fractions read from their text (``6.4`` is 32/5).

    JSON's ``NaN``/``Infinity`` and integers of more than 4000 digits are refused; nothing is
    evaluated.

    Parameters
    ----------
    text : str or bytes
        The document (bytes must be UTF-8).
    fmt : {"toml", "json"}, optional
        The format; None guesses (JSON if the text starts with ``{``, TOML otherwise).

    Returns
    -------
    Mapping
        The parsed top-level table.

    Raises
    ------
    InputError
        If the text is empty, not UTF-8, not valid TOML/JSON, or its top level is not a table.

    >>> parse_document('{"prior": [0.25, "3/4"], "n": 2}')
    {'prior': [Fraction(1, 4), '3/4'], 'n': 2}
    >>> parse_document('prior = [0.1, 0.9]')
    {'prior': [Fraction(1, 10), Fraction(9, 10)]}
    >>> parse_document('prior = [7/10, 3/10]')
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: not valid TOML: Unclosed array (at line 1, column 11); TOML has no fractions: quote them, e.g. "7/10"
    """
    text = _document_text(text)
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "toml"
    try:
        if fmt == "json":
            doc = json.loads(text, parse_float=parse_number, parse_int=_json_int, parse_constant=_json_constant)
        else:
            doc = tomllib.loads(text, parse_float=parse_number)
    except InputError:
        raise
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}{_fraction_hint(text, exc)}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"cannot be read as {fmt.upper()}: {exc}") from None
    if not isinstance(doc, Mapping):
        raise InputError("the document must be a table (a JSON object), not a list or a value")
    return doc


def load_document(path: str | os.PathLike) -> Mapping[str, Any]:
    """Read and parse a TOML or JSON game file (the format from the extension, else guessed).

    Parameters
    ----------
    path : str or os.PathLike
        A regular file of at most :data:`MAX_FILE_BYTES` bytes of UTF-8 text.

    Returns
    -------
    Mapping
        The parsed top-level table, as :func:`parse_document` gives it.

    Raises
    ------
    InputError
        Whose message starts with the file name: unreadable, not a regular file, too large,
        binary, not UTF-8, or not valid TOML/JSON.

    >>> doc = load_document("examples/payments_zero_sum.toml")
    >>> doc["kind"], doc["prior"]
    ('sender-receiver', ['1/2', '1/2'])
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"expected the path of a game file, got {type(path).__name__}")
    name = os.fspath(path)
    try:
        st = os.stat(name)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file (a device, a folder or a pipe); give a TOML or JSON game file", where=name)
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(f"the file is {st.st_size} bytes, more than the limit {MAX_FILE_BYTES}", where=name)
        with open(name, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(f"the file is more than the limit of {MAX_FILE_BYTES} bytes", where=name)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", where=name) from None
    if b"\x00" in raw:
        raise InputError("this is a binary file, not a TOML or JSON game file", where=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text (a TOML or JSON game file is expected)", where=name) from None
    ext = os.path.splitext(name)[1].lower()
    fmt = {".toml": "toml", ".json": "json"}.get(ext)
    try:
        return parse_document(text, fmt)
    except InputError as exc:
        raise InputError(str(exc), where=name) from None


def _build(doc: Mapping[str, Any]) -> Any:
    kind = doc.get("kind")
    if kind is None:
        raise InputError(f"missing the key 'kind'; one of: {', '.join(kinds())}")
    if isinstance(kind, str) and kind not in _KINDS and kind in KIND_MODULES:
        import importlib

        importlib.import_module(KIND_MODULES[kind])
    if not isinstance(kind, str) or kind not in _KINDS:
        raise InputError(f"key 'kind': unknown kind {kind!r}; known kinds: {', '.join(kinds())}")
    return _KINDS[kind](doc)


def loads_game(text: str, fmt: str | None = None) -> Any:
    """A game model from TOML or JSON text, built by the loader registered for its ``kind``.

    Parameters
    ----------
    text : str or bytes
        The document.
    fmt : {"toml", "json"}, optional
        The format; None guesses (JSON if the text starts with ``{``).

    Returns
    -------
    object
        The model of the document's kind (:class:`Game`, :class:`SenderReceiverGame`, ...).

    Raises
    ------
    InputError
        On a parse error, a missing or unknown ``kind``, or a malformed game.

    >>> g = loads_game('{"kind": "game", "states": ["w"], "prior": [1], "players": ["A"],'
    ...                ' "profiles": ["x"], "payoffs": {"w": {"x": [0.5]}}}')
    >>> type(g).__name__, g.payoffs["w"]["x"]
    ('Game', (Fraction(1, 2),))
    """
    return _build(parse_document(text, fmt))


def load_game(path: str | os.PathLike) -> Any:
    """A game model from a TOML or JSON file, built by the loader registered for its ``kind``.

    Parameters
    ----------
    path : str or os.PathLike
        The game file.

    Returns
    -------
    object
        The model of the file's kind (:class:`Game`, :class:`SenderReceiverGame`, ...).

    Raises
    ------
    InputError
        Every problem (reading, parsing, a malformed game), the message starting with the file name.

    >>> g = load_game("examples/payments_zero_sum.toml")
    >>> g.actions, g.sender["1"]
    (('0', '1'), (Fraction(0, 1), Fraction(2, 1)))
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"load_game: expected the path of a game file, got {type(path).__name__}")
    name = os.fspath(path)
    doc = load_document(name)
    try:
        return _build(doc)
    except InputError as exc:
        raise InputError(str(exc), where=name) from None


# -- helpers for loaders -----------------------------------------------------------


def get(doc: Mapping[str, Any], key: str, kind: str) -> Any:
    """``doc[key]``, for loaders: a missing key is an InputError saying the kind needs it.

    Parameters
    ----------
    doc : Mapping
        The parsed document.
    key : str
        The key required.
    kind : str
        The document's kind, named in the message.

    Returns
    -------
    object
        The value stored under ``key``.

    >>> get({"states": ["w"]}, "states", "game")
    ['w']
    >>> get({}, "prior", "game")
    Traceback (most recent call last):
    exactgame.errors.InputError: missing the key 'prior' (a 'game' file needs it)
    """
    if key not in doc:
        raise InputError(f"missing the key {key!r} (a {kind!r} file needs it)")
    return doc[key]


def require_keys(doc: Mapping[str, Any], allowed: set[str], where: str) -> None:
    """Refuse unknown keys, for loaders (a typo should not be silently ignored).

    Parameters
    ----------
    doc : Mapping
        The table whose keys are checked.
    allowed : set of str
        The keys allowed.
    where : str
        The table's name in the message (``"file"``, ``"payoffs"``).

    Raises
    ------
    InputError
        Naming the unknown keys and the allowed ones.

    >>> require_keys({"kind": "game", "priors": []}, {"kind", "prior"}, "file")
    Traceback (most recent call last):
    exactgame.errors.InputError: file: unknown key(s) 'priors'; known: kind, prior
    """
    only_known(doc, sorted(allowed), "key", where)


def _sender_receiver(doc: Mapping[str, Any]) -> SenderReceiverGame:
    kind = "sender-receiver"
    require_keys(doc, {"kind", "states", "actions", "prior", "payoffs", "outcome", "title", "source", "description"}, "file")
    payoffs = get(doc, "payoffs", kind)
    if not isinstance(payoffs, Mapping):
        raise InputError("expected tables [payoffs.sender] and [payoffs.receiver]", where="payoffs")
    require_keys(payoffs, {"sender", "receiver"}, "payoffs")
    for who in ("sender", "receiver"):
        if who not in payoffs:
            raise InputError(f"missing the table [payoffs.{who}]", where="payoffs")
    return SenderReceiverGame(
        get(doc, "states", kind), get(doc, "actions", kind), get(doc, "prior", kind),
        sender=payoffs["sender"], receiver=payoffs["receiver"], outcome=doc.get("outcome"),
    )


def _game(doc: Mapping[str, Any]) -> Game:
    kind = "game"
    require_keys(doc, {"kind", "states", "prior", "players", "profiles", "payoffs", "outcome", "title", "source", "description"}, "file")
    return Game(
        get(doc, "states", kind), get(doc, "prior", kind), get(doc, "players", kind), get(doc, "profiles", kind),
        get(doc, "payoffs", kind), outcome=doc.get("outcome"),
    )


register_kind("sender-receiver", _sender_receiver)
register_kind("game", _game)
