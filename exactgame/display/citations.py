"""Readable citations of the seed papers: author, year and title, with the seed file name as
the reference field.

The seed files (``../shared/seeds/``) are named by hash; output and documentation cite them as
a reader would ("Arieli, Babichenko, Jain and Smorodinsky (2025), Example 1"). Authors, years
and titles are read from the head of each paper. Two seed texts name neither authors nor a
title (they start at the introduction or the abstract); they are cited by the description the
seed README gives them, marked as such.

>>> cite("004_2686c8b5ad6ec5f0.txt", "Appendix 7")
'Larionov and Yamashita (2024), Appendix 7'
>>> cite("003_e54e9b7a7da88b3e.txt", "Section 4")
'Lagrangian duality for persuasion with payments (untitled seed text), Section 4'
>>> cite("unknown.txt")
'unknown.txt'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Source", "SOURCES", "cite", "reference"]


@dataclass(frozen=True)
class Source:
    """A seed paper: its file name, authors (surnames), year, title and where it appeared.

    Parameters
    ----------
    file : str
        the seed file name (the ``source`` key of ``reproduce``).
    authors : tuple of str
        surnames; empty when the text names none.
    year : int or None
        the year the text states; None when it states none.
    title : str
        the title, or the seed README's description when the text has none (``titled`` False).
    venue : str, optional
        where it appeared.
    titled : bool, optional
        whether ``title`` is the paper's own.

    >>> SOURCES["002_b82d6ff4761a0a82.txt"].title
    'Information agreements'
    """

    file: str
    authors: tuple[str, ...]
    year: int | None
    title: str
    venue: str = ""
    titled: bool = True

    def short(self) -> str:
        """Authors and year ("Aköz and Samsonov (2025)"), or the title when no authors are named.

        Returns
        -------
        str
            the short citation.
        """
        if not self.authors:
            return self.title + ("" if self.titled else " (untitled seed text)")
        names = self.authors[0] if len(self.authors) == 1 else ", ".join(self.authors[:-1]) + " and " + self.authors[-1]
        return f"{names} ({self.year})" if self.year else names


SOURCES: dict[str, Source] = {s.file: s for s in (
    Source("000_2cf035f6c25283ea.txt", ("Arieli", "Babichenko", "Jain", "Smorodinsky"), 2025,
           "When Can Communication Lead to Efficiency?", "working paper, October 17, 2025"),
    Source("001_9d9f8fe1d5e70189.txt", (), None, "Interactive communication with verifiable signals before a game",
           titled=False),
    Source("002_b82d6ff4761a0a82.txt", ("Aköz", "Samsonov"), 2025, "Information agreements",
           "Journal of Economic Theory, doi:10.1016/j.jet.2025.106068"),
    Source("003_e54e9b7a7da88b3e.txt", (), None, "Lagrangian duality for persuasion with payments", titled=False),
    Source("004_2686c8b5ad6ec5f0.txt", ("Larionov", "Yamashita"), 2024, "Bilateral Trade with Costly Information Acquisition",
           "slides, August 25, 2024"),
)}


def cite(file: str, item: str | None = None) -> str:
    """The short citation of a seed paper, with the item cited ("..., Example 1").

    Parameters
    ----------
    file : str
        the seed file name.
    item : str, optional
        the example, table or proposition.

    Returns
    -------
    str
        authors and year (or the title), then the item; the file name itself for an unknown file.

    >>> cite("002_b82d6ff4761a0a82.txt")
    'Aköz and Samsonov (2025)'
    """
    s = SOURCES.get(file)
    head = s.short() if s else file
    return f"{head}, {item}" if item else head


def reference(file: str) -> str:
    """The full reference: short citation, title, venue and the seed file name.

    Parameters
    ----------
    file : str
        the seed file name.

    Returns
    -------
    str
        e.g. ``Larionov and Yamashita (2024), "Bilateral Trade with Costly Information
        Acquisition", slides, August 25, 2024 [004_2686c8b5ad6ec5f0.txt]``.

    >>> reference("001_9d9f8fe1d5e70189.txt")
    'Interactive communication with verifiable signals before a game (untitled seed text; no authors named) [001_9d9f8fe1d5e70189.txt]'
    """
    s = SOURCES.get(file)
    if s is None:
        return file
    if not s.authors:
        return f"{s.title} (untitled seed text; no authors named) [{file}]"
    venue = f", {s.venue}" if s.venue else ""
    return f'{s.short()}, "{s.title}"{venue} [{file}]'
