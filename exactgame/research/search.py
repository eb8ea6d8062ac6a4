r"""Conjecture checks: run a property over a family with hypothesis and keep the shrunk counterexample.

A **property** is a function of a game that returns True (it holds), False (it fails), or a
:class:`Verdict` (``holds`` True / False / None for "does not apply to this game", a sentence,
and on failure the :class:`~exactgame.results.Report` whose certified keys refute the property);
raising :class:`AssertionError` also means it fails. A game the property's computations refuse
as bad input (:class:`~exactgame.errors.InputError`) does not count: hypothesis draws another.

:func:`search` hands the family's strategy (:func:`exactgame.research.families.strategy`) to
hypothesis's ``find``, which looks for a failing game and shrinks it: fewer states, actions,
players and types first (sizes are the first choices), then smaller numbers, simpler
denominators and a more uniform prior. Hypothesis runs derandomized, seeded with ``seed``, with
no example database, so the same call finds the same counterexample. The counterexample is
re-evaluated, and with ``out=DIR`` it is saved as ``DIR/counterexample.json`` (a game file) and
``DIR/refutation.json`` (the refuting report's ``--json`` document, which ``exactgame verify``
re-checks against the embedded game: the same game, by hash).

No counterexample after ``max_examples`` games is evidence, not a proof: the result says so.

>>> from exactgame.research.families import SenderReceiverFamily
>>> r = search(lambda g: len(g.actions) < 3, SenderReceiverFamily(actions=(2, 4)), max_examples=50)
>>> r.found, len(r.counterexample.actions)
(True, 3)
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import InputError
from ..results import Report
from .families import Family, game_text

__all__ = ["Verdict", "SearchResult", "search", "evaluate", "save"]


@dataclass(frozen=True)
class Verdict:
    """What a property says about one game.

    Parameters
    ----------
    holds : bool or None
        True, False, or None when the property does not apply to the game.
    detail : str
        One sentence: why it holds or fails.
    report : Report or None
        On failure, the result whose certified keys refute the property.
    facts : dict
        Exact values the detail quotes (JSON-ready strings), for the search document.

    >>> Verdict(False, "3 > 2").holds
    False
    """

    holds: bool | None
    detail: str = ""
    report: Report | None = field(default=None, repr=False, compare=False)
    facts: dict = field(default_factory=dict, compare=False)


def evaluate(prop: Callable[[Any], Any], game: Any) -> Verdict:
    """``prop(game)`` as a :class:`Verdict` (True/False, a Verdict, an AssertionError, bad input).

    Parameters
    ----------
    prop : callable
        The property.
    game : object
        The game.

    Returns
    -------
    Verdict
        ``holds`` None when the computation refuses the game as bad input.

    >>> evaluate(lambda g: g > 2, 1).holds, evaluate(lambda g: g > 2, 3).holds
    (False, True)
    """
    try:
        out = prop(game)
    except AssertionError as exc:
        return Verdict(False, str(exc) or "an assertion failed")
    except InputError as exc:
        return Verdict(None, f"does not apply: {exc}")
    if isinstance(out, Verdict):
        return out
    if isinstance(out, bool):
        return Verdict(out)
    raise TypeError(f"a property returns True, False or a Verdict, not {type(out).__name__}")


@dataclass(frozen=True)
class SearchResult:
    """The outcome of :func:`search`.

    Attributes: ``found`` (a counterexample was found), ``counterexample`` (the shrunk game or
    None), ``verdict`` (the property's verdict on it), ``examples`` (games evaluated, shrinking
    included), ``seed``, ``max_examples``, ``files`` (what was written: ``game``, ``refutation``),
    ``applicable`` (games the property applied to, i.e. did not answer None).

    >>> SearchResult(False, None, None, 10, 0, 10, applicable=7).summary()
    "no counterexample in 10 games, 7 of them within the statement's hypotheses (evidence, not a proof)"
    """

    found: bool
    counterexample: Any
    verdict: Verdict | None
    examples: int
    seed: int
    max_examples: int
    files: dict = field(default_factory=dict)
    applicable: int = 0

    def summary(self) -> str:
        """One line: the counterexample's verdict, or that none was found.

        Returns
        -------
        str
            The line.
        """
        if not self.found or self.verdict is None:
            return (f"no counterexample in {self.examples} games, {self.applicable} of them within the statement's "
                    f"hypotheses (evidence, not a proof)")
        return f"counterexample after {self.examples} games: {self.verdict.detail}"

    def document(self) -> dict[str, Any] | None:
        """The refuting report's ``--json`` document (None without a counterexample or a report).

        Returns
        -------
        dict or None
            The document, which ``exactgame verify`` re-checks.
        """
        if self.verdict is None or self.verdict.report is None:
            return None
        return self.verdict.report.document()


def _settings(max_examples: int) -> Any:
    from hypothesis import HealthCheck, Phase, settings

    return settings(max_examples=max_examples, database=None, derandomize=True, deadline=None,
                    suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])


def search(prop: Callable[[Any], Any], family: Family, *, max_examples: int = 200, seed: int = 0,
           out: str | None = None) -> SearchResult:
    """Look for a game of ``family`` where ``prop`` fails, shrunk to a minimal one.

    Parameters
    ----------
    prop : callable
        The property (module docstring).
    family : Family
        Where to look.
    max_examples : int
        The number of games hypothesis generates (shrinking comes on top).
    seed : int
        Seeds hypothesis's random source: the same seed finds the same counterexample.
    out : str, optional
        A folder (created if missing): the counterexample and its refutation are written there.

    Returns
    -------
    SearchResult
        The counterexample and its verdict, or ``found`` False.

    >>> from exactgame.research.families import GameFamily
    >>> r = search(lambda g: len(g.players) == 2, GameFamily(players=(2, 3)), max_examples=30)
    >>> r.found, r.counterexample.players
    (True, ('P0', 'P1', 'P2'))
    """
    from hypothesis import find, reject
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    from .families import strategy

    count = [0, 0]

    def fails(game: Any) -> bool:
        count[0] += 1
        v = evaluate(prop, game)
        if v.holds is None:
            reject()
        count[1] += 1
        return v.holds is False

    try:
        game = find(strategy(family), fails, settings=_settings(max_examples), random=random.Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return SearchResult(False, None, None, count[0], seed, max_examples, applicable=count[1])
    verdict = evaluate(prop, game)
    result = SearchResult(True, game, verdict, count[0], seed, max_examples, applicable=count[1])
    if out is not None:
        result.files.update(save(result, out))
    return result


def save(result: SearchResult, folder: str) -> dict[str, str]:
    """Write the counterexample as a game file and its refutation document into ``folder``.

    Parameters
    ----------
    result : SearchResult
        A result with a counterexample.
    folder : str
        Created if missing.

    Returns
    -------
    dict
        ``{"game": path, "refutation": path}`` (``refutation`` only when the verdict has a report).

    >>> import tempfile
    >>> from exactgame.research.families import SenderReceiverFamily
    >>> r = search(lambda g: len(g.actions) < 3, SenderReceiverFamily(actions=(2, 4)), max_examples=20)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sorted(save(r, d))
    ['game']
    """
    if result.counterexample is None:
        raise InputError("save: the search found no counterexample")
    os.makedirs(folder, exist_ok=True)
    files = {"game": os.path.join(folder, "counterexample.json")}
    with open(files["game"], "w", encoding="utf-8") as fh:
        fh.write(game_text(result.counterexample))
    doc = result.document()
    if doc is not None:
        files["refutation"] = os.path.join(folder, "refutation.json")
        with open(files["refutation"], "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    return files
