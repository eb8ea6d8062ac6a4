r"""Checkpoints of long whole-square runs: save the completed rounds, resume from them.

A checkpoint (JSON; ``.gz`` for gzip) holds, for every round :math:`t \ge 1` computed, the
*splits* of the round's sweeps (:class:`~.concavify.Piece`): per piece its strip or line of
the other coordinate and, per grid point, the two candidates it is split onto (named by grid
index and side ``V``/``L``/``R``) with the weight. That is the expensive part of a round (the
kinetic sweeps); everything else is rebuilt on loading, from the game, round by round:

* round 0 is recomputed from the utilities (:func:`~.square.base_grid`);
* for round t the candidates are recomputed from round t - 1, each split is checked to be a
  splitting of its point onto its two candidates (``u.x <= x <= w.x``, the weight is the
  barycentric one), the pieces must cover the strip or line they claim, and the new payoff
  function is assembled and simplified exactly as :func:`~.square.alternate` does;
  stabilization is re-decided. Voluntary communication on the whole square (a ``not
  certified`` key of the document, and most of a reload's cost: 7 of 12 s for the spy
  game's 13 rounds) is the saved run's flag.

What loading does **not** redo is the sweeps' optimality (that each split is the speaker's
best, ties for the other); the path certificate of a resumed run re-checks every split it
uses against a supporting line of the previous round's section, as for a fresh run, and a
document says ``resumed`` (the claims of rounds >= 2 already rest on the engine's previous
round).

The key a checkpoint is tied to is the SHA-256 of the game's *utilities* (type and action
names with :math:`u(a, \theta_S, \theta_B)`) and this format's version. Priors and
``--rounds`` are deliberately not part of it: the whole-square rounds are functions on all of
:math:`[0,1]^2` and do not depend on the start point, so a checkpoint of ``--rounds 6`` resumes
``--rounds 10``, at any priors. A checkpoint of another game is refused with InputError, and so
is a file whose content digest does not match (a truncated or edited file).

>>> import os, tempfile
>>> from exactgame.dialogue.model import spy_game
>>> path = os.path.join(tempfile.mkdtemp(), "spy.json")
>>> alt, loaded = resumed_alternation(spy_game(), 2, path)        # nothing to load: computes and saves
>>> loaded, len(alt.rounds)
(0, 3)
>>> alt2, loaded = resumed_alternation(spy_game(), 3, path)       # rounds 1-2 loaded, round 3 computed
>>> loaded, alt2.payoffs(Fraction(1, 2), Fraction(1, 2))[2] == alt.payoffs(Fraction(1, 2), Fraction(1, 2))[2]
(2, True)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from ..certificates import encode
from ..errors import InputError
from ..check.core import CheckFailure, num
from .concavify import Cand, Piece, _at, _combine
from .grid import Grid
from .model import BOB, SALLY, DialogueGame
from .square import Alternation, Round, _candidates_line, _candidates_strip, _one_round, alternate, base_grid, finish_round

__all__ = ["game_key", "save_checkpoint", "load_checkpoint", "resumed_alternation", "CHECKPOINT_SCHEMA"]

#: Version of the checkpoint format.
CHECKPOINT_SCHEMA = "exactgame-dialogue-checkpoint/1"


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def game_key(game: DialogueGame) -> str:
    """SHA-256 of what the whole-square rounds depend on: type and action names and the utilities.

    Parameters
    ----------
    game : DialogueGame
        A binary game.

    Returns
    -------
    str
        Hex digest (with the format version); the priors are not part of it.

    >>> from exactgame.dialogue.model import spy_game
    >>> game_key(spy_game("1/3")) == game_key(spy_game("1/2")), len(game_key(spy_game()))
    (True, 64)
    """
    u = {f"{s},{b}": encode(game.u[(s, b)]) for s in range(len(game.sally_types)) for b in range(len(game.bob_types))}
    return _digest({"schema": CHECKPOINT_SCHEMA, "sally_types": list(game.sally_types), "bob_types": list(game.bob_types),
                    "actions": list(game.actions), "u": u})


def _orient(prev: Grid, t: int) -> tuple[Grid, int]:
    """The grid the round sweeps along its first axis, and the speaker."""
    return (prev, BOB) if t % 2 else (prev.transpose(), SALLY)


def _pieces_out(g: Grid, pieces: list[Piece]) -> list[list[Any]]:
    index = {x: i for i, x in enumerate(g.ps)}

    def ref(c: Cand) -> list[Any]:
        return [index[c.x], c.side]

    return [[encode(pc.lo), encode(pc.hi), [[*ref(u), *ref(w), encode(lam)] for u, w, lam in pc.splits]] for pc in pieces]


def _write(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, separators=(",", ":")).encode()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(gzip.compress(text) if path.suffix == ".gz" else text)
    os.replace(tmp, path)   # a run killed while saving leaves the previous checkpoint


def save_checkpoint(path: str | Path, alt_rounds: tuple[Round, ...], game: DialogueGame) -> None:
    """Write rounds 1..T (their sweeps' splits) to ``path`` (module docstring), atomically.

    Parameters
    ----------
    path : str or Path
        The checkpoint file (``.gz``: gzip-compressed).
    alt_rounds : tuple of Round
        Rounds 0..T of a whole-square run.
    game : DialogueGame
        Its game.

    >>> import os, tempfile
    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> p = os.path.join(tempfile.mkdtemp(), "c.json.gz")
    >>> save_checkpoint(p, alternate(spy_game(), 1).rounds, spy_game())
    >>> len(load_checkpoint(p, spy_game()))
    2
    """
    rounds = []
    for r in alt_rounds[1:]:
        if r.protocol is None:   # pragma: no cover - rounds >= 1 have one
            raise InputError(f"round {r.t} has no protocol to save")
        g, _ = _orient(alt_rounds[r.t - 1].grid, r.t)
        rounds.append({"t": r.t, "voluntary": r.voluntary, "pieces": _pieces_out(g, r.protocol.pieces)})
    _write(Path(path), {"schema": CHECKPOINT_SCHEMA, "game_key": game_key(game), "title": game.title,
                        "digest": _digest(rounds), "rounds": rounds})


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"cannot read the checkpoint ({type(exc).__name__}: {exc})", where=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != CHECKPOINT_SCHEMA:
        raise InputError(f"not a dialogue checkpoint (schema {CHECKPOINT_SCHEMA!r} expected)", where=str(path))
    return data


def _exact(text: Any) -> Fraction:
    """An exact number of the file: also ratios of more than 4,000 digits (the spy game's round 13
    has them), read as the result documents' are (:func:`exactgame.check.core.num`)."""
    try:
        return num(text, "checkpoint")
    except CheckFailure as exc:
        raise ValueError(str(exc)) from None


def _bad(path: Path, t: int, what: str) -> InputError:
    return InputError(f"round {t}: {what}; the checkpoint is inconsistent with the game (delete it to start afresh)",
                      where=str(path))


def _cands(g: Grid, lo: Fraction, hi: Fraction, speaker: int) -> list[Cand] | None:
    """The candidates of the source of a piece on [lo, hi]: a grid line, or a strip (with its event lines)."""
    qs = g.qs
    if lo == hi and lo in qs:
        return _candidates_line(g, qs.index(lo), speaker, 1 - speaker)
    for j in range(len(qs) - 1):
        if qs[j] <= lo <= hi <= qs[j + 1] and lo < qs[j + 1] and hi > qs[j]:
            cs = _candidates_strip(g, j, speaker, 1 - speaker)
            return [_at(c, lo) for c in cs] if lo == hi else cs
    return None


def _split(x: Fraction, u: Cand, w: Cand, lam: Fraction) -> tuple[tuple[Any, Any], tuple[Cand, Cand, Fraction]] | None:
    """The values and split of x onto u, w with weight lam on u, or None if it is not a splitting of x."""
    if u is w:
        return ((u.f, u.g), (u, u, Fraction(1))) if u.x == x and lam == 1 else None
    if not (u.x < x < w.x and lam == (w.x - x) / (w.x - u.x)):
        return None
    return (_combine(u.f, w.f, lam), _combine(u.g, w.g, lam)), (u, w, lam)


def _piece_in(g: Grid, raw: Any, speaker: int, path: Path, t: int) -> Piece:
    try:
        lo, hi, splits = _exact(raw[0]), _exact(raw[1]), raw[2]
        cands = _cands(g, lo, hi, speaker)
        if cands is None or len(splits) != len(g.ps):
            raise _bad(path, t, f"a piece on [{raw[0]}, {raw[1]}] is not on a strip or line of round {t - 1}")
        by = {(c.x, c.side): c for c in cands}
        vals, sp = [], []
        for x, (iu, su, iw, sw, lam) in zip(g.ps, splits):
            u, w = by[(g.ps[iu], su)], by[(g.ps[iw], sw)]
            out = _split(x, u, w, _exact(lam))
            if out is None:
                raise _bad(path, t, f"the split at {x} is not a splitting onto its candidates")
            vals.append(out[0])
            sp.append(out[1])
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise _bad(path, t, f"a piece does not name candidates of round {t - 1} ({type(exc).__name__})") from None
    return Piece(lo, hi, tuple(vals), tuple(sp))


def _covers(g: Grid, pieces: list[Piece]) -> bool:
    """The pieces run over [0, 1] in the sweeps' order: lines and open strips alternating, every grid line present."""
    y = Fraction(0)
    on_line = True   # the next piece must be the line q = y
    for pc in pieces:
        if on_line:
            if not (pc.lo == pc.hi == y):
                return False
        elif not (pc.lo == y < pc.hi):
            return False
        y = pc.hi
        on_line = not on_line
    return on_line is False and y == 1 and set(g.qs) <= {pc.lo for pc in pieces if pc.lo == pc.hi}


def load_checkpoint(path: str | Path, game: DialogueGame) -> tuple[Round, ...]:
    """Rounds 0..T rebuilt from a checkpoint (module docstring).

    Parameters
    ----------
    path : str or Path
        The checkpoint file.
    game : DialogueGame
        The game it must belong to.

    Returns
    -------
    tuple of Round
        Rounds 0..T.

    Raises
    ------
    InputError
        If the file is unreadable, of another game (key mismatch), edited (digest mismatch) or
        inconsistent with the game.

    >>> import os, tempfile
    >>> from exactgame.dialogue.model import bilateral_trade, spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> p = os.path.join(tempfile.mkdtemp(), "c.json")
    >>> save_checkpoint(p, alternate(spy_game(), 2).rounds, spy_game())
    >>> [r.t for r in load_checkpoint(p, spy_game())]
    [0, 1, 2]
    >>> load_checkpoint(p, bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["1/2", "1/2"]))   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: ...the checkpoint belongs to another game...
    """
    path = Path(path)
    data = _read(path)
    if data.get("game_key") != game_key(game):
        raise InputError(f"the checkpoint belongs to another game ('{data.get('title', '')}'; key "
                         f"{str(data.get('game_key'))[:12]}..., this game's {game_key(game)[:12]}...): use another file",
                         where=str(path))
    rounds_raw = data.get("rounds")
    if not isinstance(rounds_raw, list) or data.get("digest") != _digest(rounds_raw):
        raise InputError("the checkpoint's content does not match its digest (truncated or edited)", where=str(path))
    done = [Round(0, base_grid(game).simplify(), None)]
    for t, r in enumerate(rounds_raw, start=1):
        if not isinstance(r, dict) or r.get("t") != t or not isinstance(r.get("pieces"), list) \
                or not isinstance(r.get("voluntary"), bool):
            raise _bad(path, t, "rounds are not numbered 1, 2, ...")
        prev = done[-1].grid
        g, speaker = _orient(prev, t)
        pieces = [_piece_in(g, pc, speaker, path, t) for pc in r["pieces"]]
        if not _covers(g, pieces):
            raise _bad(path, t, "the pieces do not cover the square's lines and strips in order")
        done.append(finish_round(prev, t, *_one_round(prev, t, pieces), voluntary=r["voluntary"]))
    return tuple(done)


def resumed_alternation(game: DialogueGame, rounds: int, path: str | Path, *,
                        progress: Callable[[int, Grid], None] | None = None,
                        budget: float | None = None, enclose_digits: int | None = None) -> tuple[Alternation, int]:
    """:func:`~.square.alternate` that starts from the checkpoint at ``path`` (if the file exists)
    and rewrites it after every new round.

    Parameters
    ----------
    game : DialogueGame
        A binary game.
    rounds : int
        Last round T.
    path : str or Path
        The checkpoint file.
    progress : callable, optional
        As for :func:`~.square.alternate`.
    budget : float, optional
        Seconds for the new rounds (limits keep the completed rounds, as with ``partial``).
    enclose_digits : int, optional
        As for :func:`~.square.alternate`; only the exact rounds are saved.

    Returns
    -------
    tuple of (Alternation, int)
        The rounds, and how many (t >= 1) came from the checkpoint.

    Raises
    ------
    InputError
        From :func:`load_checkpoint`.

    >>> import os, tempfile
    >>> from exactgame.dialogue.model import spy_game
    >>> p = os.path.join(tempfile.mkdtemp(), "c.json")
    >>> [resumed_alternation(spy_game(), t, p)[1] for t in (1, 3, 2)]      # rounds loaded from the file
    [0, 1, 2]
    """
    path = Path(path)
    start = load_checkpoint(path, game) if path.exists() else ()
    loaded = max(0, min(len(start), rounds + 1) - 1)

    def save(done: tuple[Round, ...]) -> None:
        if len(done) > len(start):
            save_checkpoint(path, done, game)

    alt = alternate(game, rounds, progress=progress, partial=True, budget=budget, start=start, after_round=save,
                    enclose_digits=enclose_digits)
    if not start:
        save_checkpoint(path, alt.exact_part().rounds, game)   # also a run that computed no new round leaves a checkpoint
    return alt, loaded
