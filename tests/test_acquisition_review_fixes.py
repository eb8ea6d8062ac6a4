"""Fixes from the issue-19 review of exactgame/acquisition: a tampered certificate is refused
with CertificateError (never AttributeError/TypeError), and star-imports work."""

import pytest

from exactgame.errors import CertificateError


def test_star_import_of_simplex():
    ns: dict = {}
    exec("from exactgame.acquisition.simplex import *", ns)   # noqa: S102 - a fixed statement, no input
    assert "simplex_revenue" in ns


def test_implementability_certificate_without_its_na_enclosure_is_refused():
    from exactgame.acquisition.implementability import check_implementability
    from exactgame.acquisition.mechanism import prescribed_mechanism
    from exactgame.acquisition.model import AcquisitionGame
    from exactgame.certificates import certificate_from_dict

    g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], [1, 3], [0, 1], ["1/4", "3/4"], ["1/2", "1/2"])
    d = check_implementability(prescribed_mechanism(g), "buyer").certificate.to_dict()
    assert certificate_from_dict(d).verify() and "na_enclosure" in d
    del d["na_enclosure"]
    with pytest.raises(CertificateError, match="no na_enclosure"):
        certificate_from_dict(d).verify()
