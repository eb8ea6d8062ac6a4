import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError
from exactgame.geometry.envelope import (
    ConcaveEnvelopeCertificate,
    PiecewiseAffine,
    concave_envelope,
    concave_envelope_at,
    quasiconcave_envelope,
    quasiconcave_envelope_at,
)

F = Fraction


def interval_function(breaks, values, slopes=None):
    """A function of q = p(w1) on [0, 1]: piece k on [breaks[k], breaks[k+1]] is values[k] + slopes[k] * q."""
    slopes = slopes or [0] * len(values)
    cells = []
    for k, v in enumerate(values):
        a, b = breaks[k], breaks[k + 1]
        # g . p + c with p = (1 - q, q): g = (v, v + s)
        cells.append(([(1 - a, a), (1 - b, b)], (v, v + slopes[k]), 0))
    return PiecewiseAffine.from_cells(cells)


def test_kamenica_gentzkow_prosecutor():
    """The judge convicts iff P(guilty) >= 1/2; prior 3/10 gives the prosecutor 3/5 (Kamenica-Gentzkow 2011)."""
    V = interval_function([0, F(1, 2), 1], [0, 1])
    r = concave_envelope_at(V, (F(7, 10), F(3, 10)))
    assert r.value == F(3, 5) and r.certificate.verify()
    assert sorted(q for _, q, _ in r.splitting) == [(F(1, 2), F(1, 2)), (1, 0)]
    E = concave_envelope(V)
    assert E.value((F(7, 10), F(3, 10))) == F(3, 5)


def test_tampered_envelope_certificate():
    V = interval_function([0, F(1, 2), 1], [0, 1])
    r = concave_envelope_at(V, (F(7, 10), F(3, 10)))
    c = r.certificate
    with pytest.raises(CertificateError):
        ConcaveEnvelopeCertificate(c.function, c.point, c.value + 1, c.splitting, c.support).verify()
    with pytest.raises(CertificateError):
        ConcaveEnvelopeCertificate(c.function, c.point, c.value, c.splitting, (F(0), F(1))).verify()
    assert certificate_from_dict(json.loads(json.dumps(c.to_dict()))).verify()


def test_quasiconcave_three_levels():
    # values 1 on [0, 1/4], 0 on [1/4, 3/4], 2 on [3/4, 1]: qcav is 1 on [0, 3/4], 2 on [3/4, 1]
    V = interval_function([0, F(1, 4), F(3, 4), 1], [1, 0, 2])
    assert quasiconcave_envelope_at(V, (F(1, 2), F(1, 2))).value == 1
    assert quasiconcave_envelope_at(V, (F(1, 5), F(4, 5))).value == 2
    r = quasiconcave_envelope_at(V, (F(1, 2), F(1, 2)))
    assert r.certificate.verify()
    Q = quasiconcave_envelope(V)
    assert Q.value((F(1, 2), F(1, 2))) == 1 and Q.value((F(1, 4), F(3, 4))) == 2
    assert certificate_from_dict(json.loads(json.dumps(r.certificate.to_dict()))).verify()


def test_quasiconcave_needs_constant_pieces():
    V = interval_function([0, 1], [0], [1])
    with pytest.raises(InputError, match="constant"):
        quasiconcave_envelope_at(V, (F(1, 2), F(1, 2)))


def test_three_states():
    simplex = [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    # f = 1 only at the vertex e3 region {p3 >= 1/2}, else 0
    high = [(F(1, 2), 0, F(1, 2)), (0, F(1, 2), F(1, 2)), (0, 0, 1)]
    V = PiecewiseAffine.from_cells([(simplex, (0, 0, 0), 0), (high, (1, 1, 1), 0)])
    p = (F(1, 3), F(1, 3), F(1, 3))
    r = concave_envelope_at(V, p)
    assert r.value == F(2, 3) and r.certificate.verify()  # cav = min(1, 2 p3)
    assert concave_envelope(V).value(p) == F(2, 3)
    assert quasiconcave_envelope_at(V, p).value == 0


def test_bad_beliefs():
    V = interval_function([0, 1], [0])
    with pytest.raises(InputError, match="probability"):
        concave_envelope_at(V, (F(1, 2), F(1, 3)))
    with pytest.raises(InputError, match="leaves the simplex"):
        PiecewiseAffine.from_cells([([(2, -1), (0, 1)], (0, 0), 0)])


@st.composite
def interval_functions(draw):
    k = draw(st.integers(1, 4))
    cuts = sorted(set(draw(st.lists(st.integers(1, 11), min_size=k - 1, max_size=k - 1))))
    breaks = [F(0)] + [F(c, 12) for c in cuts] + [F(1)]
    values = draw(st.lists(st.integers(-5, 5), min_size=len(breaks) - 1, max_size=len(breaks) - 1))
    slopes = draw(st.lists(st.integers(-3, 3), min_size=len(breaks) - 1, max_size=len(breaks) - 1))
    return interval_function(breaks, values, slopes)


@given(interval_functions(), st.integers(0, 24))
def test_envelope_lp_matches_upper_hull(V, t):
    """Two independent computations of cav V: the LP at a point and the upper hull's pieces."""
    p = (1 - F(t, 24), F(t, 24))
    r = concave_envelope_at(V, p)
    assert r.certificate.verify()
    assert concave_envelope(V).value(p) == r.value
    assert r.value >= V.value(p)


@given(interval_functions(), st.integers(0, 24))
def test_quasiconcave_between_function_and_concave(V, t):
    """For a piecewise constant V: V <= qcav V <= cav V, and qcav is quasiconcave along the segment."""
    consts = PiecewiseAffine.from_cells([(pc.cell.vertices, (pc.at(pc.cell.vertices[0]),) * 2, 0) for pc in V.pieces])
    p = (1 - F(t, 24), F(t, 24))
    q = quasiconcave_envelope_at(consts, p)
    assert q.certificate.verify()
    assert consts.value(p) <= q.value <= concave_envelope_at(consts, p).value
    assert quasiconcave_envelope(consts).value(p) == q.value
