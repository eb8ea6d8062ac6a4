"""Example 1 (a)-(c) of 000_2cf035f6c25283ea.txt, Section 2 and Figure 1: efficiency verdicts."""

from exactgame.efficiency import DominatedCertificate, EfficientCertificate
from exactgame.reproduce.communication_efficiency import example1_case


def test_case_a_ex_post_efficient_not_compatible():
    """(a) p = 0.10: 'ex-post efficient in both states but not compatible'; n_w0 not in cone{normals at w1}."""
    r = example1_case("a")
    assert r.ex_post_efficient == {"w0": True, "w1": True}
    assert not r.compatible and not r.efficient
    assert r.normal_cones["w0"].rays == ((1, 8),)
    assert r.normal_cones["w1"].rays == ((1, -2), (4, 7))
    assert not r.normal_cones["w1"].contains((1, 8))
    cert = r.certificate
    assert isinstance(cert, DominatedCertificate) and cert.verify()
    assert all(b >= a for a, b in zip(cert.payoff, cert.better_payoff)) and cert.better_payoff != cert.payoff


def test_case_b_efficient():
    """(b) p = 0.30: 'ex-post efficient in both states and compatible', Pareto efficient."""
    r = example1_case("b")
    assert r.efficient and r.compatible and all(r.ex_post_efficient.values())
    assert isinstance(r.certificate, EfficientCertificate) and all(x > 0 for x in r.certificate.normal)
    assert r.certificate.verify() and r.cls == "pure"


def test_case_c_not_ex_post_efficient_in_w1():
    """(c) p = 0.70: 'not ex-post efficient in state w1'; the certificate gives a dominating outcome."""
    r = example1_case("c")
    assert r.ex_post_efficient == {"w0": True, "w1": False} and not r.efficient
    assert isinstance(r.ex_post_certificates["w1"], DominatedCertificate)
    assert r.certificate.verify() and r.ex_post_certificates["w1"].verify()


def test_quasi_pure_yet_inefficient():
    """Discussion after Remark 4: (a) and (c) are quasi-pure (within the bound) yet inefficient."""
    for case in "ac":
        r = example1_case(case)
        assert r.cls == "quasi-pure" and r.within_bound and not r.efficient
