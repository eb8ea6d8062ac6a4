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

    if str(args.file).endswith(".jsonl"):
        return _verify_sweep(_jsonl_rows(args.file), args)
    doc = load_document(args.file)
    if isinstance(doc.get("sweep"), dict) and isinstance(doc.get("rows"), list):
        return _verify_sweep(list(doc["rows"]), args)
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


def _jsonl_rows(path: str) -> list[Any]:
    """The rows of a sweep's JSON Lines file, each parsed exactly (one JSON document a line)."""
    from ..games.files import parse_document

    try:
        with open(path, encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", where=path) from None
    rows = []
    for k, line in enumerate(lines, 1):
        try:
            rows.append(parse_document(line, "json"))
        except InputError as exc:
            raise InputError(f"line {k}: {exc}", where=path) from None
    return rows


def _check_row_values(row: Mapping[str, Any], cmd: str, res: Mapping[str, Any]) -> str | None:
    """None if the row's tabulated values are the document's; else the first key that differs."""
    from ..research.sweep import scalar_values

    doc = res["document"]
    values = res.get("values", {})
    fresh = scalar_values(doc, [k for k in values if "/" in k])
    for key, v in values.items():
        if fresh.get(key) != v:
            return key
    return None


def _verify_sweep(rows: list[Any], args: argparse.Namespace) -> tuple[dict, str, int]:
    """Every document of a sweep (a JSON Lines file or the sweep's --json output) through
    :func:`_verify_result`, and every tabulated value against its document."""
    documents, not_checked = 0, []
    for row in rows:
        if not isinstance(row, Mapping) or not isinstance(row.get("results"), Mapping):
            return {"verified": False, "reason": "a row without 'results'"}, "NOT verified: a row without 'results'", 1
        where = f"row {row.get('index')}"
        for cmd, res in row["results"].items():
            if not isinstance(res, Mapping) or "document" not in res:
                not_checked.append(f"{where}/{cmd}")
                continue
            out, _, code = _verify_result(res["document"], args)
            if code:
                return ({**out, "row": row.get("index"), "command": cmd},
                        f"NOT verified: {where}, {cmd}: {out.get('reason')}", 1)
            bad = _check_row_values(row, cmd, res)
            if bad:
                reason = f"{where}, {cmd}: the tabulated {bad!r} is not the document's"
                return {"verified": False, "row": row.get("index"), "command": cmd, "key": bad, "reason": reason}, \
                    f"NOT verified: {reason}", 1
            documents += 1
    text = (f"sweep: {len(rows)} rows, {documents} result documents verified (each by the independent checker, "
            f"its tabulated values equal to the document's)"
            + (f"; {len(not_checked)} results without a document not checked (errors, V)" if not_checked else ""))
    return {"verified": True, "rows": len(rows), "documents": documents, "not_checked": not_checked}, text, 0


register_subcommand("verify", "re-check saved certificates exactly", _verify_args, _verify)
