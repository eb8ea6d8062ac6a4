"""Bilateral trade with costly information acquisition (004_2686c8b5ad6ec5f0.txt):
implementability (ST, DF, CS, NA) with certified log/exp comparisons, efficiency and
essentially perfect correlation, subsidy minimization for binary qualities (the supremum over
implementable mechanisms: :mod:`~exactgame.acquisition.supremum`)."""

from .implementability import Deviation, Implementability, check_implementability
from .model import BUYER, SELLER, AcquisitionGame
from .report import acquisition
from .supremum import RevenueCertificate, maximize_revenue

__all__ = ["AcquisitionGame", "BUYER", "SELLER", "check_implementability", "Implementability", "Deviation",
           "maximize_revenue", "RevenueCertificate", "acquisition"]


from ..namespace import callable_module  # noqa: E402

# ``exactgame.acquisition`` is this module and, called, its main function acquisition(...) (see exactgame.namespace)
callable_module(__name__, "acquisition")
