"""The ``verify`` subcommand: the independent checker on a result document, or a bare certificate."""

from __future__ import annotations

import argparse
from typing import Any, Mapping

from ..certificates import Certificate, certificate_from_dict
from ..errors import CertificateError, InputError
from .common import register_subcommand

# -- verify ---------------------------------------------------------------------------


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="an exactgame --json result document, or a bare certificate")
    p.add_argument("--game", metavar="GAME", help="the game file the result should be about (its SHA-256 must match)")


def _find_certificates(doc: Any, path: str = "") -> list[tuple[str, dict]]:
    found = []
    if isinstance(doc, dict):
        if "certificate" in doc and isinstance(doc["certificate"], str):
            return [(path or "/", doc)]
        for k, v in doc.items():
            found += _find_certificates(v, f"{path}/{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            found += _find_certificates(v, f"{path}/{i}")
    return found


def _verify(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..games.files import load_document

    doc = load_document(args.file)
    if "schema" in doc:
        return _verify_result(doc, args)
    if args.game:
        raise InputError("--game is for result documents (with a 'schema' key); this file is a bare certificate", where=args.file)
    if "certificate" not in doc:
        raise InputError("not a result document (no 'schema' key), and no certificate (no 'certificate' key)", where=args.file)
    try:
        cert: Certificate = certificate_from_dict(doc)
    except InputError as exc:
        raise exc.located(args.file) from None
    try:
        cert.verify()
        ok, why = True, None
    except CertificateError as exc:
        ok, why = False, str(exc)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError) as exc:
        ok, why = False, f"malformed certificate ({type(exc).__name__}: {str(exc)[:160]})"
    lines = [f"{'✓' if ok else '✗'} certificate {cert.kind}" + (f": {why}" if why else ""),
             ("verified: the certificate holds for the problem it carries (a bare certificate is bound to no game)"
              if ok else "NOT verified")]
    return {"verified": ok, "certificates": [{"kind": cert.kind, "verified": ok, **({"reason": why} if why else {})}]}, "\n".join(lines), 0 if ok else 1


def _verify_result(doc: Mapping[str, Any], args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..check import CheckFailure, check_document, checked_commands
    from ..games import load_game
    from ..results import canonical_game

    game = canonical_game(load_game(args.game)) if args.game else None
    command = doc.get("command")
    try:
        if command in checked_commands():
            report = check_document(doc, game)
            how = "the independent checker (exactgame.check): every problem rebuilt from the game"
            if report.delegated:
                from ..recheck import recompute_and_compare

                recompute_and_compare(doc, game)
                how += ("; the keys marked 'r' by re-computation with exactgame's own solvers (the checker does not "
                        "rebuild their problems)")
        else:
            from ..recheck import recompute_and_compare

            report = recompute_and_compare(doc, game)
            how = (f"re-computation with exactgame's own solvers and certificates (the independent checker does not "
                   f"rebuild {command!r} problems yet)")
    except CheckFailure as exc:
        out = {"verified": False, "key": exc.key, "reason": str(exc)}
        return out, f"NOT verified: {exc}", 1
    lines = [f"{command}: game {report.game_sha256[:16]}..., checked by {how}"]
    for key, status in report.claims.items():
        mark = "✓" if key in report.proved else "r" if key in report.delegated else "-"
        lines.append(f"  {mark} {key}: {status}")
    lines.append("every certified claim holds, every conditional one given what it rests on: verified"
                 if report.proved else "verified")
    return {**report.to_dict(), "method": how}, "\n".join(lines), 0


register_subcommand("verify", "re-check saved certificates exactly", _verify_args, _verify)
