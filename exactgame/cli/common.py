"""What every subcommand module shares: the registry, argument helpers, the proof document, progress on stderr."""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from ..errors import InputError
from ..numbers import to_vector

Handler = Callable[[argparse.Namespace], tuple[dict, str, int]]
_SUBCOMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler, str]] = {}


def register_subcommand(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None], handler: Handler) -> None:
    """Add a subcommand: ``configure`` adds its arguments, ``handler`` returns (JSON dict, text, exit code)."""
    _SUBCOMMANDS[name] = (configure, handler, help)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise InputError(f"{message} (see `{self.prog} --help`)")


def parse_prior(text: str | None, states: Sequence[str]):
    """``--prior``: comma-separated exact numbers in the order of the states."""
    if text is None:
        return None
    parts = [t for t in text.split(",")]
    return to_vector(parts, where="--prior")


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




def finish(report, file: str) -> tuple[dict, str, int]:
    """Draw the figure the result asks for (``--plot``), then (JSON document, text, exit code 0)."""
    if report.figure is not None:
        from ..plots import draw

        try:
            draw(report)
        except InputError as exc:
            raise exc.located(file) from None
    return report.document(), report.text(), 0
