"""The catalogue of published numbers: a registry that modules add entries to.

An entry names its source (a seed file name), the item (example, table,
proposition), the value as the paper prints it, and a function computing it. The
function returns the computed value (as text in the same form as ``expected``) and
the certificates that back it; an entry is ``ok`` when the texts agree and every
certificate verifies.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable

from ..certificates import Certificate
from ..errors import CertificateError

__all__ = ["Entry", "entry", "entries", "run", "Outcome"]

Compute = Callable[[], tuple[str, Iterable[Certificate]]]


@dataclass(frozen=True)
class Entry:
    source: str
    item: str
    expected: str
    compute: Compute


@dataclass(frozen=True)
class Outcome:
    """The result of computing one entry."""

    entry: Entry
    computed: str
    verified: bool
    ok: bool
    error: str | None = None

    def to_dict(self) -> dict:
        d = {"source": self.entry.source, "item": self.entry.item, "expected": self.entry.expected,
             "computed": self.computed, "ok": self.ok, "certificates_verified": self.verified}
        if self.error:
            d["error"] = self.error
        return d


_ENTRIES: list[Entry] = []


def entry(source: str, item: str, expected: str) -> Callable[[Compute], Compute]:
    """Decorator registering a function as the computation of a published number."""

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
    """All registered entries (optionally of one source), in registration order."""
    _load_all()
    return [e for e in _ENTRIES if source is None or e.source == source]


def run_entry(e: Entry) -> Outcome:
    """Compute one entry, verify its certificates, compare with the printed value."""
    try:
        computed, certs = e.compute()
        certs = list(certs)
        verified = all(c.verify() for c in certs) and bool(certs)
    except CertificateError as exc:
        return Outcome(e, "", False, False, f"certificate failed: {exc}")
    return Outcome(e, computed, verified, verified and computed == e.expected)


def run(source: str | None = None) -> list[Outcome]:
    """Compute every entry (of one source)."""
    return [run_entry(e) for e in entries(source)]
