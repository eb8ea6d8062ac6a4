r"""Where is the Bayesian-persuasion outcome efficient, as a function of the prior?

The support of the BP outcome is constant on the relative interior of each face of
the subdivision of the simplex by the concave envelope :math:`\operatorname{Cav} V`
(000_2cf035f6c25283ea.txt, Section 3.1.2: "the support of the outcome remains constant
within the convex regions defined by the concave envelope"), and efficiency depends
only on supports (the remark after Remark 1). So one exact BP solve and one efficiency
test at a relative-interior point of each face decide the whole face. Faces lying in
the boundary of the simplex are skipped (the paper's priors are interior).

For two states the answer is a union of intervals of :math:`q = p(\omega_{last})`; for
Example 1 it is :math:`[1/5, 2/5]`.

>>> from exactgame.persuasion.value import example1_sr
>>> region = efficiency_region(example1_sr())
>>> region.interval_text()
'[1/5, 2/5]'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..display.mixin import Displayable
from ..certificates import Certificate, encode
from ..efficiency import efficiency
from ..errors import InputError, TooLargeError
from ..games.model import SenderReceiverGame
from ..geometry import Polytope
from ..geometry.envelope import concave_envelope
from ..numbers import fmt
from .bp import persuade
from .value import value_function

__all__ = ["FaceVerdict", "EfficiencyRegion", "efficiency_region"]


@dataclass(frozen=True)
class FaceVerdict:
    """One face of the Cav V subdivision, the BP support on it and its efficiency.

    Attributes
    ----------
    face : Polytope
        A face of the subdivision of the simplex by ``Cav V`` (beliefs in the order of the states).
    point : tuple of Fraction
        The interior prior at which the face was decided (the centroid of its vertices).
    support : dict of str to tuple of str
        The BP outcome's support in each state at ``point``, constant on the face's relative interior.
    efficient : bool
        Whether the BP outcome is efficient there (Definition 1 of 000_2cf035f6c25283ea.txt).
    certificate : Certificate
        The efficiency certificate at ``point`` (a supporting normal or a Pareto-improving deviation).

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # the sender prefers a,
    ...                        sender={"w0": [1, 0], "w1": [1, 0]},             # the receiver matches
    ...                        receiver={"w0": [1, 0], "w1": [0, 1]})           # the state
    >>> f = efficiency_region(g).faces[1]        # the segment from q = (0, 1) to (1/2, 1/2)
    >>> f.point, f.support, f.efficient, type(f.certificate).__name__
    ((Fraction(1, 4), Fraction(3, 4)), {'w0': ('a',), 'w1': ('a', 'b')}, True, 'EfficientCertificate')
    """

    face: Polytope
    point: tuple[Fraction, ...]
    support: dict[str, tuple[str, ...]]
    efficient: bool
    certificate: Certificate


@dataclass(frozen=True, repr=False)
class EfficiencyRegion(Displayable):
    """The faces of the Cav V subdivision that meet the interior of the simplex, each with its verdict.

    Built by :func:`efficiency_region`; faces in the boundary of the simplex are left out.

    Attributes
    ----------
    game : SenderReceiverGame
        The game.
    faces : tuple of FaceVerdict
        The interior faces, sorted by dimension then vertices.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b", "c"], ["1/2", "1/2"],
    ...                        sender={"w0": [0, 3, 2], "w1": [0, 3, 2]}, receiver={"w0": [3, 0, 2], "w1": [0, 2, 0]})
    >>> region = efficiency_region(g)
    >>> len(region.faces), len(region.efficient_faces()), region.intervals(), region.interval_text()
    (3, 2, [(Fraction(3, 5), Fraction(1, 1), True, False)], '[3/5, 1)')
    """

    game: SenderReceiverGame
    faces: tuple[FaceVerdict, ...]

    def verify(self) -> bool:
        """Re-check every face's efficiency certificate.

        Returns
        -------
        bool
            True; a failing certificate raises :class:`~exactgame.errors.CertificateError`.
        """
        return all(f.certificate.verify() for f in self.faces)

    def efficient_faces(self) -> list[Polytope]:
        """The faces on which the BP outcome is efficient.

        Returns
        -------
        list of Polytope
            In the order of :attr:`faces`.
        """
        return [f.face for f in self.faces if f.efficient]

    def intervals(self) -> list[tuple[Fraction, Fraction, bool, bool]]:
        """Two states: the efficient priors as maximal intervals of ``q = p(last state)``.

        Returns
        -------
        list of tuple
            ``(lo, hi, lo_closed, hi_closed)`` per interval, sorted; a single point has
            ``lo == hi`` and both ends closed. Open ends are where an inefficient face (or the
            boundary of the simplex) begins.

        Raises
        ------
        InputError
            If the game does not have exactly two states.
        """
        if len(self.game.states) != 2:
            raise InputError("intervals: only for two states")
        pieces = []  # (lo, hi, closed?) for points and open segments
        for f in self.faces:
            if not f.efficient:
                continue
            qs = sorted(v[1] for v in f.face.vertices)
            if len(qs) == 1:
                pieces.append((qs[0], qs[0], True, True))
            else:
                pieces.append((qs[0], qs[-1], False, False))
        pieces.sort(key=lambda t: (t[0], not t[2]))
        merged: list[list[Any]] = []
        for lo, hi, lc, hc in pieces:
            if merged and (merged[-1][1] > lo or (merged[-1][1] == lo and (merged[-1][3] or lc))):
                last = merged[-1]
                if hi > last[1] or (hi == last[1] and hc):
                    last[1], last[3] = hi, hc if hi > last[1] else (last[3] or hc)
            else:
                merged.append([lo, hi, lc, hc])
        return [tuple(m) for m in merged]

    def interval_text(self) -> str:
        """Two states: the region as text, e.g. ``[1/5, 2/5]``.

        Returns
        -------
        str
            The intervals of :meth:`intervals` joined by ``" U "`` (``{q}`` for a point), or
            ``"empty"``.
        """
        parts = []
        for lo, hi, lc, hc in self.intervals():
            parts.append(f"{{{fmt(lo)}}}" if lo == hi else f"{'[' if lc else '('}{fmt(lo)}, {fmt(hi)}{']' if hc else ')'}")
        return " U ".join(parts) if parts else "empty"

    def face_lines(self) -> list[str]:
        """One line per interior face: dimension, vertices, the BP support on it and the verdict.

        Returns
        -------
        list of str
            E.g. ``"  edge (0, 1/2, 1/2) -- (1/2, 1/2, 0): efficient; support w0: a1, w1: a1 a2"``
            (points, edges, then "triangle with vertices ..." or "2-face with vertices ..." in
            sorted order).
        """
        out = []
        for f in self.faces:
            vs = sorted(f.face.vertices)
            pts = ", ".join("(" + ", ".join(map(fmt, v)) + ")" for v in vs)
            where = {0: f"point {pts}", 1: f"edge {pts.replace('), (', ') -- (')}"}.get(
                f.face.dim, f"{'triangle' if len(vs) == 3 and f.face.dim == 2 else f'{f.face.dim}-face'} with vertices {pts}")
            support = ", ".join(f"{w}: {' '.join(a)}" for w, a in f.support.items())
            out.append(f"  {where}: {'efficient' if f.efficient else 'NOT efficient'}; support {support}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """The region as JSON-ready data with exact strings.

        Returns
        -------
        dict
            ``faces`` (each with ``vertices``, ``dim``, ``point``, ``support``, ``efficient`` and
            ``certificate``) and, for two states, ``intervals`` (the text of :meth:`interval_text`).
        """
        d: dict[str, Any] = {
            "faces": [{"vertices": encode(f.face.vertices), "dim": f.face.dim, "point": encode(f.point),
                       "support": {w: list(s) for w, s in f.support.items()}, "efficient": f.efficient,
                       "certificate": f.certificate.to_dict()} for f in self.faces],
        }
        if len(self.game.states) == 2:
            d["intervals"] = self.interval_text()
        return d


#: The subdivision of the simplex by Cav V needs the receiver's cells' vertices and an
#: upper hull in dimension |Omega|; refuse beyond this many states.
MAX_REGION_STATES = 5


def efficiency_region(game: SenderReceiverGame) -> EfficiencyRegion:
    """Decide the BP outcome's efficiency on every interior face of the Cav V subdivision.

    For each face of the subdivision of the simplex by ``Cav V`` whose centroid is an interior
    prior, the BP outcome is solved there (:func:`~exactgame.persuasion.bp.persuade`) and its
    efficiency tested (:func:`~exactgame.efficiency.efficiency`); the support, hence the verdict,
    is the same on the face's whole relative interior (Section 3.1.2 of 000_2cf035f6c25283ea.txt).

    Parameters
    ----------
    game : SenderReceiverGame
        The game; its own prior plays no role.

    Returns
    -------
    EfficiencyRegion
        The interior faces with their verdicts and certificates.

    Raises
    ------
    TooLargeError
        With more than :data:`MAX_REGION_STATES` states.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # the sender prefers a,
    ...                        sender={"w0": [1, 0], "w1": [1, 0]},             # the receiver matches
    ...                        receiver={"w0": [1, 0], "w1": [0, 1]})           # the state
    >>> efficiency_region(g).interval_text()
    '(0, 1)'
    """
    if len(game.states) > MAX_REGION_STATES:
        raise TooLargeError(f"efficiency_region: {len(game.states)} states; the Cav V subdivision is computed "
                            f"for at most {MAX_REGION_STATES} states")
    V, _ = value_function(game)
    E = concave_envelope(V)
    faces = sorted({F for cell, _ in E.pieces for F in cell.faces()}, key=lambda F: (F.dim, F.vertices))
    verdicts = []
    for F in faces:
        point = F.centroid
        if any(x <= 0 for x in point):
            continue
        bp = persuade(game, point)
        r = efficiency(game, bp.outcome, point)
        verdicts.append(FaceVerdict(F, point, dict(r.support), r.efficient, r.certificate))
    return EfficiencyRegion(game, tuple(verdicts))
