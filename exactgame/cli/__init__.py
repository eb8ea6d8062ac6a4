"""The ``exactgame`` command line.

``exactgame SUBCOMMAND FILE [options]``; ``--json`` prints one JSON document with exact
numbers as strings ``"p/q"``. Exit codes: 0 answered, 2 bad input or usage (one line on
stderr naming the file, key and problem), 1 internal error, a failed reproduction or a
certificate that does not verify.

One module per subcommand (it parses the arguments, calls one library function and formats
the result); :mod:`.common` holds the registry and the shared helpers.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from ..errors import CertificateError, InputError, InternalError
from . import payoffs, efficiency, persuade, cheaptalk, bargain, acquisition, dialogue, peer_selection, buyer_seller, reproduce, verify, check, sweep  # noqa: F401  (each registers its subcommand, in this order)
from .common import _SUBCOMMANDS, Document, _Parser, _check_plot_path, _one_line, document_of, register_subcommand

__all__ = ["main", "register_subcommand"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every registered subcommand, each with ``--json``.

    Usage errors raise :class:`~exactgame.errors.InputError` (one line, exit code 2 from
    :func:`main`) instead of argparse's exit.

    Returns
    -------
    argparse.ArgumentParser
        Subcommands in registration order (payoffs, efficiency, ..., verify).
    """
    parser = _Parser(prog="exactgame", description="Exact, certified computational geometry for communication and information design.")
    parser.add_argument("--version", action="version", version=f"exactgame {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    for name, (configure, _, help_text) in _SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        configure(sp)
        sp.add_argument("--json", action="store_true", help="print one JSON document (exact numbers as strings)")
        sp.add_argument("--latex", action="store_true",
                        help="print the answer as LaTeX tables (booktabs, exact fractions as \\frac) to paste into a paper")
    return parser


def _version() -> str:
    """The installed distribution's version (pyproject.toml), without importing anything heavy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("exactgame")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        return "unknown (not installed)"


#: options whose value may start with "-" (a negative number): "--weights -1,1" is read as
#: "--weights=-1,1", so the value reaches exactgame's own check instead of argparse's error
_NUMERIC_OPTIONS = ("--weights", "--prior", "--sally-prior", "--bob-prior", "--vector")


def _join_negative_values(argv: Sequence[str]) -> list[str]:
    """``["--weights", "-1,1"]`` -> ``["--weights=-1,1"]`` (only before a value that starts with
    "-" and a digit or a dot)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        tok = argv[i]
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        if tok in _NUMERIC_OPTIONS and len(nxt) > 1 and nxt[0] == "-" and (nxt[1].isdigit() or nxt[1] == "."):
            out.append(f"{tok}={nxt}")
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    While it runs, Python's limit on int <-> str conversions is lifted (and restored after): exact
    answers can have more than 4,300 digits, and every text the command reads goes through
    exactgame's own bounded parser, which is what that limit protects elsewhere.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 answered; 2 bad input or usage (one line on stderr); 1 an internal error, a failed
        reproduction or a certificate that does not verify; 130 interrupted.
    """
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return _main(argv)
    finally:
        sys.set_int_max_str_digits(old)


def _emit(doc: Document, text: str, as_json: bool, as_latex: bool = False) -> None:
    """Print the JSON document, its LaTeX tables or the text on stdout; a closed pipe is not an error."""
    try:
        if as_json:
            print(json.dumps(document_of(doc), indent=2, ensure_ascii=False))
        elif as_latex:
            from ..display.latex import to_latex

            print(to_latex(document_of(doc)))
        else:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (e.g. `| head -1`) closed the pipe: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _main(argv: Sequence[str] | None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(_join_negative_values(sys.argv[1:] if argv is None else list(argv)))
        if not args.command:
            parser.print_help(sys.stderr)
            return 2
        if args.json and args.latex:
            raise InputError("--json and --latex: choose one output format")
        if getattr(args, "plot", None):
            _check_plot_path(args.plot)
        doc, text, code = _SUBCOMMANDS[args.command][1](args)
        _emit(doc, text, args.json, args.latex)
        return code
    except InternalError as exc:
        print(f"exactgame: internal error (a bug in exactgame, please report it with the input): {exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"exactgame: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except CertificateError as exc:
        print(f"exactgame: internal error: a certificate failed to verify (a bug, please report): {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("exactgame: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        print("exactgame: error: the input is nested too deeply", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
        print(f"exactgame: internal error: {type(exc).__name__}: {exc} (please report)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
