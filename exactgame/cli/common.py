"""What every subcommand module shares: the registry, argument helpers, the proof document, progress on stderr."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, NoReturn, Sequence

from ..errors import InputError
from ..numbers import Vector, to_vector

#: A handler's JSON document, or a function that builds it: text output never calls it (issue 25: a
#: large LP's full certificate document cost about half of ``persuade``'s run and most of its memory
#: although the text shows none of it).
Document = dict | Callable[[], dict]
Handler = Callable[[argparse.Namespace], tuple[Document, str, int]]


def document_of(doc: Document) -> dict:
    """The JSON document of a handler's answer, built now if it was deferred.

    Parameters
    ----------
    doc : dict or callable
        A handler's document, or the function that builds it (``report.document``).

    Returns
    -------
    dict
        The document.

    >>> document_of({"a": 1}), document_of(lambda: {"b": 2})
    ({'a': 1}, {'b': 2})
    """
    return doc() if callable(doc) else doc
_SUBCOMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler, str]] = {}


def register_subcommand(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None], handler: Handler) -> None:
    """Add a subcommand: ``configure`` adds its arguments, ``handler`` returns (JSON dict, text, exit code).

    Subcommands appear in ``exactgame --help`` in registration order; registering a name
    again replaces it.

    Parameters
    ----------
    name : str
        The subcommand's name on the command line.
    help : str
        One line for ``--help`` (also the subcommand's description).
    configure : callable
        ``configure(parser)`` adds the subcommand's arguments (``--json`` is added for it).
    handler : callable
        ``handler(args)`` returns ``(JSON document, text, exit code)``; it raises
        :class:`~exactgame.errors.InputError` for bad input.
    """
    _SUBCOMMANDS[name] = (configure, handler, help)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        raise InputError(f"{message} (see `{self.prog} --help`)")


def parse_prior(text: str | None, states: Sequence[str], option: str = "--prior") -> Vector | None:
    """``--prior``: comma-separated exact numbers in the order of the states.

    ``"1/3, 2/3"`` or decimals such as ``0.25``, read exactly; one entry per state, each
    >= 0, summing to 1, so that a bad prior is blamed on ``--prior`` and not on the file.

    Parameters
    ----------
    text : str or None
        The option's value; None when the option was not given.
    states : sequence of str
        The game's states (the prior needs one entry each; pass the types for a dialogue prior).
    option : str
        The option's name, for the messages.

    Returns
    -------
    tuple of Fraction or None
        None when ``text`` is None.

    Raises
    ------
    InputError
        If a part is not an exact number, the length is not the number of states, an entry
        is negative or the sum is not 1 (the message names ``--prior``).

    >>> parse_prior("1/3, 0.5, 1/6", ["a", "b", "c"])
    (Fraction(1, 3), Fraction(1, 2), Fraction(1, 6))
    >>> parse_prior("1,2", ["a", "b"])
    Traceback (most recent call last):
    ...
    exactgame.cli.common.PriorError: --prior: the probabilities sum to 3, not 1
    """
    if text is None:
        return None
    parts = [t for t in text.split(",")]
    p = to_vector(parts, where=option)
    if states and len(p) != len(states):
        raise PriorError(f"{option}: {len(p)} numbers for {len(states)} entries ({', '.join(map(str, states))})")
    if any(x < 0 for x in p):
        raise PriorError(f"{option}: a probability is negative")
    if sum(p) != 1:
        raise PriorError(f"{option}: the probabilities sum to {sum(p)}, not 1")
    return p


class PriorError(InputError):
    """A bad ``--prior``: its message names the option, so the subcommands do not prefix the file."""

    def located(self, where: str) -> "InputError":
        """The same error: a command-line option is not in the file.

        Parameters
        ----------
        where : str
            Ignored.

        Returns
        -------
        InputError
            ``self``.
        """
        return self


def _ticks_to_stderr():
    """A :func:`exactgame.progress.reporting` reporter ``(what, done, total)``: one stderr line at
    most every 3 seconds."""
    import time

    last = [time.perf_counter()]

    def report(what: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 3:
            print(f"exactgame: {what}: {done} of at most {total}", file=sys.stderr, flush=True)
            last[0] = now

    return report


def _every_few_seconds(what: str):
    """The same reporter as a callback ``(done, total)`` for ``what`` (e.g. the genericity probe)."""
    report = _ticks_to_stderr()
    return lambda done, total: report(what, done, total)


def _progress_to_stderr():
    """A progress callback that reports rounds on stderr once they start taking time."""
    import time

    last = [time.perf_counter()]

    def report(t, grid) -> None:
        now = time.perf_counter()
        if now - last[0] > 2:
            print(f"exactgame: round {t} done ({grid.cells} grid cells, {now - last[0]:.0f} s)", file=sys.stderr, flush=True)
        last[0] = now

    return report




#: Figure formats matplotlib writes without extra packages.
PLOT_FORMATS = (".png", ".pdf", ".svg", ".eps", ".ps", ".jpg", ".jpeg", ".tif", ".tiff", ".webp")


def _check_plot_path(path: str) -> None:
    """Refuse a --plot path that cannot be written, before any computation."""
    import os

    ext = os.path.splitext(path)[1].lower()
    if ext not in PLOT_FORMATS:
        raise InputError(f"--plot: {path!r} must end in one of {', '.join(PLOT_FORMATS)}")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"--plot: the folder {folder!r} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"--plot: the folder {folder!r} is not writable")


def _one_line(message: str, limit: int = 600) -> str:
    """An error message on one line (newlines in names escaped), long values cut."""
    text = message.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 40] + f"... ({len(text)} characters in all)"




def finish(report: Any, file: str) -> tuple[Document, str, int]:
    """Draw the figure the result asks for (``--plot``), then (JSON document, text, exit code 0).

    Parameters
    ----------
    report : Report
        A result of the library (:class:`~exactgame.results.Report`).
    file : str
        The input file, named in a figure's error message.

    Returns
    -------
    tuple of (dict, str, int)
        ``report.document`` (built only when the document is printed: ``--json``, ``--latex``,
        or a sweep row; see :func:`document_of`), ``report.text()`` and 0.

    Raises
    ------
    InputError
        If the figure cannot be drawn (located at ``file``).
    """
    if report.figure is not None:
        import matplotlib

        matplotlib.use("Agg")  # the command line draws to files: its choice of backend, never the library's
        from ..plots import draw

        try:
            draw(report)
        except InputError as exc:
            raise exc.located(file) from None
    return report.document, report.text(), 0
