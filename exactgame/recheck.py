r"""Verification by re-computation, for the keys the independent checker does not rebuild.

For the keys of ``acquisition`` documents that the independent checker delegates (the
branch-and-bound supremum of the subsidy problem, the correlation structure, the
multipliers' texts), ``exactgame verify`` rebuilds the game from the
embedded canonical form (its SHA-256 must match), recomputes the result with exactgame's own
solvers and the document's options, re-verifies every certificate of the recomputation, and
compares every key of the document with the recomputed one. This binds every claim to the
game and catches any change of an answer, but it trusts exactgame's solvers (it is not the
small independent checker of :mod:`exactgame.check`); ``verify`` says so in its output.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from .check import CheckFailure, CheckReport
from .check.games import digest
from .results import PROTOCOL_KEYS, compare_documents

__all__ = ["recompute_and_compare", "PROTOCOL_KEYS"]


def _recompute(command: str, game: Any, options: Mapping[str, Any]) -> dict:
    if command == "acquisition":
        from .acquisition.report import run_acquisition

        doc, _ = run_acquisition(game, subsidy=bool(options.get("subsidy", False)))
        return doc
    raise CheckFailure("command", f"no checks for {command!r} documents")


def recompute_and_compare(doc: Mapping[str, Any], game: Mapping[str, Any] | None = None) -> CheckReport:
    """Recompute the document's result and compare every key; CheckFailure names the first difference.

    Steps: the embedded game must hash to ``game_sha256`` (and to ``game``'s hash when
    given); it is loaded as a game file; the result is recomputed with the document's
    options (only ``acquisition`` documents are recomputed); every answer key is compared
    with :func:`~exactgame.results.compare_documents`. Claims labelled ``not certified``
    are listed as not checked.

    Parameters
    ----------
    doc : mapping
        the result document.
    game : mapping or None, optional
        a canonical game supplied separately (``--game``); it must be the document's game.

    Returns
    -------
    CheckReport
        every claimed key as proved (by re-computation), except the ``not certified`` ones.

    Raises
    ------
    CheckFailure
        for a missing or tampered game, options that cannot be recomputed, a command that
        is not recomputed, or the first key that differs.

    >>> from exactgame.catalogue import load
    >>> from exactgame.check.games import digest
    >>> canon = load("efficiency_example1").canonical()
    >>> doc = {"command": "persuade", "game": canon, "game_sha256": digest(canon)}
    >>> recompute_and_compare(doc, game={**canon, "prior": ["1/2", "1/2"]})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: game_sha256: the game given with --game is not the document's game
    >>> recompute_and_compare(doc)
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: command: no checks for 'persuade' documents
    """
    from .games.files import loads_game
    from .errors import InputError

    canon = doc.get("game")
    if not isinstance(canon, Mapping):
        raise CheckFailure("game", "the document embeds no game")
    sha = digest(canon)
    if doc.get("game_sha256") != sha:
        raise CheckFailure("game_sha256", f"the embedded game hashes to {sha}, not to the claimed {doc.get('game_sha256')}")
    if game is not None and digest(game) != sha:
        raise CheckFailure("game_sha256", "the game given with --game is not the document's game")
    try:
        model = loads_game(json.dumps(canon), "json")
    except InputError as exc:
        raise CheckFailure("game", f"the embedded game is not a valid game: {exc}") from None
    options = doc.get("options") or {}
    if not isinstance(options, Mapping):
        raise CheckFailure("options", "expected a table")
    command: Any = doc.get("command")
    try:
        fresh = _recompute(command, model, options)
    except InputError as exc:
        raise CheckFailure("options", f"the result cannot be recomputed from the document's options: {exc}") from None
    compare_documents(doc, fresh)
    claims = doc.get("claims") or {}
    report = CheckReport(command, sha, proved=[k for k in claims])
    for key, c in claims.items():
        status: Any = c.get("status") if isinstance(c, Mapping) else None
        report.claims[key] = {"certified": "certified", "conditional": f"conditional on {c.get('rests_on')}",
                              "not certified": f"not certified ({c.get('why')})"}.get(status, f"unknown status {status!r}")
        if status == "not certified":
            report.proved.remove(key)
            report.not_checked.append(key)
    return report
