"""``exactgame reproduce``: published numbers of the seed papers, recomputed and certified.

One module per seed paper registers its entries with :func:`registry.entry`.
"""

from .registry import Entry, entries, entry, run

__all__ = ["Entry", "entries", "entry", "run"]
