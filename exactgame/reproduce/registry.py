"""The catalogue of published numbers: a registry that modules add entries to.

An entry names its source (a seed file name; output cites it by authors, year and title, see
:mod:`exactgame.display.citations`), the item (example, table, proposition), the value as the
paper prints it, and a function computing it. The
function returns the computed value (as text in the same form as ``expected``) and
the certificates that back it; an entry is ``ok`` when the texts agree and every
certificate verifies.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..certificates import Certificate
from ..display.citations import cite
from ..errors import CertificateError

__all__ = ["Entry", "entry", "entries", "run", "Outcome"]

Compute = Callable[[], tuple[str, Iterable[Certificate]]]


@dataclass(frozen=True)
class Entry:
    """One published number: its seed file, the item, the value as printed, and its computation.

    ``compute()`` returns ``(text, certificates)``: the computed value as text in the form of
    ``expected``, and the certificates that back it.

    >>> from exactgame.dialogue import spy_game
    >>> from exactgame.dialogue.point import dialogue_at
    >>> def t0():
    ...     r = dialogue_at(spy_game(), 1)
    ...     return ", ".join(str(x) for x in r.payoffs[0]), r.certificates
    >>> e = Entry("001_9d9f8fe1d5e70189.txt", "Section 4: (S, B) at t = 0", "1/2, -3/2", t0)
    >>> e.compute()[0] == e.expected
    True
    """

    source: str
    item: str
    expected: str
    compute: Compute


@dataclass(frozen=True)
class Outcome:
    """The result of computing one entry.

    ``computed`` is the computed text ("" when a certificate failed), ``verified`` whether
    there was at least one certificate and all verified, ``ok`` whether moreover
    ``computed == entry.expected``; ``error`` explains a failed certificate.

    >>> e = Entry("x.txt", "an item", "2", lambda: ("2", []))
    >>> o = run_entry(e)                  # no certificate: not verified, so not ok
    >>> o.computed, o.verified, o.ok
    ('2', False, False)
    >>> o.to_dict()["certificates_verified"]
    False
    """

    entry: Entry
    computed: str
    verified: bool
    ok: bool
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``exactgame reproduce --json``.

        Returns
        -------
        dict
            Keys ``source`` (the seed file name), ``citation`` (authors, year and item, e.g.
            "Arieli, Babichenko, Jain and Smorodinsky (2025), Example 1"; see
            :func:`exactgame.display.cite`), ``item``, ``expected``, ``computed``, ``ok``,
            ``certificates_verified``, and ``error`` when there is one.
        """
        d: dict[str, Any] = {"source": self.entry.source, "citation": cite(self.entry.source, self.entry.item),
                             "item": self.entry.item, "expected": self.entry.expected,
                             "computed": self.computed, "ok": self.ok, "certificates_verified": self.verified}
        if self.error:
            d["error"] = self.error
        return d


_ENTRIES: list[Entry] = []


def entry(source: str, item: str, expected: str) -> Callable[[Compute], Compute]:
    """Decorator registering a function as the computation of a published number.

    Parameters
    ----------
    source : str
        The seed file name (e.g. ``"001_9d9f8fe1d5e70189.txt"``).
    item : str
        Which example, table or proposition, as a reader would look it up.
    expected : str
        The value as the paper prints it, in the text form the function returns.

    Returns
    -------
    callable
        The decorator; it appends an :class:`Entry` to the registry (in import order) and
        returns the function unchanged.

    >>> e = entries("001_9d9f8fe1d5e70189.txt")[0]      # registered by @entry in reproduce.dialogue
    >>> e.item, e.compute.__name__
    ("Section 3.1: (S, B, W) for t = 0, 1; Bob's split of p = 1/3", 's31')
    """

    def deco(fn: Compute) -> Compute:
        _ENTRIES.append(Entry(source, item, expected, fn))
        return fn

    return deco


def _load_all() -> None:
    from . import __path__ as pkg_path

    for mod in pkgutil.iter_modules(pkg_path):
        if mod.name not in {"registry"}:
            importlib.import_module(f"{__package__}.{mod.name}")


def entries(source: str | None = None) -> list[Entry]:
    """All registered entries (optionally of one source), in registration order.

    Imports every module of this package first, so that their ``@entry`` decorators run.

    Parameters
    ----------
    source : str, optional
        A seed file name; None for all sources.

    Returns
    -------
    list of Entry
        Empty for an unknown source.

    >>> all(e.source == "001_9d9f8fe1d5e70189.txt" for e in entries("001_9d9f8fe1d5e70189.txt")), entries("no such file")
    (True, [])
    """
    _load_all()
    return [e for e in _ENTRIES if source is None or e.source == source]


def run_entry(e: Entry) -> Outcome:
    """Compute one entry, verify its certificates, compare with the printed value.

    Parameters
    ----------
    e : Entry
        The entry.

    Returns
    -------
    Outcome
        ``ok`` iff at least one certificate, all verify, and the text equals ``expected``;
        a :class:`~exactgame.errors.CertificateError` is caught and reported in ``error``
        (other exceptions propagate).

    >>> o = run_entry(entries("001_9d9f8fe1d5e70189.txt")[0])
    >>> o.computed, o.ok
    ('(4/3, 0, 4/3); (4/3, 2/3, 2); 1/4 (prob 8/9), 1 (prob 1/9)', True)
    """
    try:
        computed, certs = e.compute()
        certs = list(certs)
        verified = all(c.verify() for c in certs) and bool(certs)
    except CertificateError as exc:
        return Outcome(e, "", False, False, f"certificate failed: {exc}")
    return Outcome(e, computed, verified, verified and computed == e.expected)


def run(source: str | None = None) -> list[Outcome]:
    """Compute every entry (of one source), in registration order.

    Parameters
    ----------
    source : str, optional
        A seed file name; None for all (about 10 s).

    Returns
    -------
    list of Outcome

    >>> outcomes = run("003_e54e9b7a7da88b3e.txt")
    >>> len(outcomes) >= 7 and all(o.ok for o in outcomes)
    True
    """
    return [run_entry(e) for e in entries(source)]
