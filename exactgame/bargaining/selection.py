r"""Selection environments and endorsement rules (002_b82d6ff4761a0a82.txt, Section 4.1).

A *selection environment* (Definition 2) has states :math:`\omega_0, \dots, \omega_n` and actions
:math:`a_0, \dots, a_n` (``a_i`` selects agent ``i``, ``a_0`` selects nobody); the receiver earns
:math:`x_j` for the correct guess and 0 otherwise. An *endorsement rule* (Definition 3) is an
IC structure with :math:`\pi(a_i|\omega_i) = 1` for every agent. A structure is *robust to
ex-post deviations* (eq. (7)) if after no recommendation can an agent gain by a further
IC disclosure at the induced posterior (an LP per recommendation and agent).

The symmetric builder realises Definition 4 with state-independent agent payoffs:
``H`` when selected, ``L`` when another agent is, ``Z`` when nobody is (H >= L > Z).
**Proposition 6**: the symmetric Nash, Kalai-Smorodinsky and egalitarian solutions are
the symmetric endorsement rule with :math:`\pi(a_i|\omega_0) = 1/n` if
:math:`x(1-\mu_0)/(x_0\mu_0) \ge 1` and :math:`x(1-\mu_0)/(n x_0\mu_0)` otherwise
(:math:`\mu_0 = \mu_0(\omega_0)`).

>>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
>>> [str(q) for q in proposition_6_rule(env, 2, 1, 1, "4/5")["w0"].values()][:2]
['3/4', '1/8']
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..errors import InputError
from ..numbers import to_fraction
from .bargaining_set import maximize_over_ic
from .model import BargainingProblem, Structure

__all__ = ["symmetric_selection", "proposition_6_rule", "is_endorsement_rule", "robust_to_ex_post"]


def symmetric_selection(n: int, x: Any, x0: Any, mu0: Any, H: Any, L: Any, Z: Any,
                        disagreement: Any = "full-information") -> BargainingProblem:
    """A symmetric selection environment with ``n`` agents (Definitions 2 and 4)."""
    x, x0, mu0, H, L, Z = (to_fraction(v, where="symmetric_selection") for v in (x, x0, mu0, H, L, Z))
    if n < 2 or not (0 < mu0 < 1) or x <= 0 or x0 <= 0:
        raise InputError("symmetric_selection: need n >= 2, 0 < mu0 < 1 and positive x, x0")
    if not mu0 * x0 > (1 - mu0) / n * x:
        raise InputError("symmetric_selection: Definition 2 needs mu0(w0) x0 > mu0(w_i) x (no selection at the prior)")
    if not H >= L > Z:
        raise InputError("symmetric_selection: Definition 2 needs H >= L > Z")
    states = [f"w{j}" for j in range(n + 1)]
    actions = [f"a{j}" for j in range(n + 1)]
    receiver = {f"w{j}": [(x0 if j == 0 else x) if k == j else 0 for k in range(n + 1)] for j in range(n + 1)}
    agents = {f"agent{i}": {w: [Z] + [H if k == i else L for k in range(1, n + 1)] for w in states} for i in range(1, n + 1)}
    prior = [mu0] + [(1 - mu0) / n] * n
    return BargainingProblem.make(states, prior, actions, list(agents), {"receiver": receiver, **agents}, disagreement)


def proposition_6_rule(env: BargainingProblem, n: int, x: Any, x0: Any, mu0: Any) -> Structure:
    """The symmetric endorsement rule of Proposition 6's closed form."""
    x, x0, mu0 = (to_fraction(v) for v in (x, x0, mu0))
    ratio = x * (1 - mu0) / (x0 * mu0)
    q = Fraction(1, n) if ratio >= 1 else ratio / n
    rule: Structure = {"w0": {"a0": 1 - n * q, **{f"a{i}": q for i in range(1, n + 1)}}}
    rule["w0"] = {a: v for a, v in rule["w0"].items() if v}
    for i in range(1, n + 1):
        rule[f"w{i}"] = {f"a{i}": Fraction(1)}
    return rule


def is_endorsement_rule(env: BargainingProblem, pi: Structure) -> bool:
    """Definition 3: IC and pi(a_i | w_i) = 1 for every agent's state."""
    return env.ic_violation(pi) is None and all(pi[f"w{i}"].get(f"a{i}", 0) == 1 for i in range(1, len(env.agents) + 1))


def robust_to_ex_post(prob: BargainingProblem, pi: Structure) -> tuple[bool, str | None]:
    """eq. (7): after each recommendation, no agent gains from another IC structure at the posterior."""
    for j, a in enumerate(prob.actions):
        mass = [p * pi[w].get(a, Fraction(0)) for p, w in zip(prob.prior, prob.states)]
        if not any(mass):
            continue
        post = tuple(m / sum(mass) for m in mass)
        at_post = replace(prob, prior=post)
        for k, i in enumerate(prob.agents):
            now = sum(q * prob.payoffs[i][w][j] for q, w in zip(post, prob.states))
            best, _, _, _ = maximize_over_ic(at_post, [Fraction(int(t == k)) for t in range(len(prob.agents))])
            if best > now:
                return False, f"after the recommendation {a!r}, {i} gains {best - now} by further disclosure"
    return True, None
