r"""Action-type instances as a game-file kind (``kind = "action-types"``; 003_e54e9b7a7da88b3e.txt, Section 2).

Each of the ``n`` actions has a type ``k`` in a finite set; type ``k`` pays the sender
:math:`\xi_k` and the receiver :math:`\rho_k` when the receiver takes an action of that type. A
state is a type profile :math:`\theta = (\theta_1, \ldots, \theta_n)`, so
:math:`s_\theta(i) = \xi_{\theta_i}` and :math:`r_\theta(i) = \rho_{\theta_i}`. The prior is
either i.i.d. (``type_prior``: one distribution over types) or a table over profiles
(``profile_prior``; profiles left out have probability 0), e.g. symmetric but correlated.

```toml
kind = "action-types"
actions = ["A", "B"]
types = ["neither", "sender-only", "receiver-only", "both"]
type_prior = ["1/4", "1/4", "1/4", "1/4"]     # or a table [profile_prior] "both,neither" = "1/2", ...
[payoffs]                                      # type -> [sender payoff xi, receiver payoff rho]
neither = [0, 0]
sender-only = [1, 0]
receiver-only = [0, 1]
both = [1, 1]
```

An :class:`ActionTypeGame` *is* the expanded :class:`~exactgame.games.SenderReceiverGame`
(states ``"t1,t2,..."`` in lexicographic order of the type list), so every persuasion solver
takes it; its canonical form is the compact file above, which the independent checker expands
with its own code.

>>> g = ActionTypeGame.make(["A", "B"], ["lo", "hi"], {"lo": [0, 0], "hi": [1, 2]}, type_prior=["1/2", "1/2"])
>>> g.states, g.sender["lo,hi"], g.receiver["lo,hi"], g.prior[1]
(('lo,lo', 'lo,hi', 'hi,lo', 'hi,hi'), (Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(2, 1)), Fraction(1, 4))
>>> g.canonical()["kind"], g.profile(g.states[1])
('action-types', ('lo', 'hi'))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any, Mapping, Sequence

from ..errors import InputError, TooLargeError
from ..games.files import get, register_kind, require_keys
from ..games.model import SenderReceiverGame, check_names, exact_strings
from ..numbers import fmt, to_fraction, to_vector

__all__ = ["ActionTypeGame", "MAX_TYPE_PROFILES", "profile_name"]

#: Refuse action-type instances with more type profiles (states) than this.
MAX_TYPE_PROFILES = 20_000


def profile_name(profile: Sequence[str]) -> str:
    """The state name of a type profile: the type names joined by commas.

    Parameters
    ----------
    profile : sequence of str
        One type name per action.

    Returns
    -------
    str
        ``"t1,t2,..."``.

    >>> profile_name(("lo", "hi"))
    'lo,hi'
    """
    return ",".join(profile)


@dataclass(frozen=True)
class ActionTypeGame(SenderReceiverGame):
    """A sender-receiver game whose states are the type profiles of its actions (module doc).

    Build it with :meth:`make`; the fields beyond :class:`SenderReceiverGame`'s are the type
    names ``types``, ``type_payoffs`` (type -> (xi, rho)), and ``type_prior`` (i.i.d.) or
    ``profile_prior`` (the table given, nonzero entries), exactly one of them set.

    >>> g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/2", "y,x": "1/2"})
    >>> g.prior, g.type_prior
    ((Fraction(0, 1), Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)), None)
    """

    types: tuple[str, ...] = ()
    type_payoffs: Mapping[str, tuple[Fraction, Fraction]] | None = None
    type_prior: tuple[Fraction, ...] | None = None
    profile_prior: Mapping[str, Fraction] | None = None

    @classmethod
    def make(cls, actions: Sequence[str], types: Sequence[str], payoffs: Mapping[str, Sequence[Any]],
             type_prior: Sequence[Any] | None = None, profile_prior: Mapping[str, Any] | None = None) -> "ActionTypeGame":
        """Validate the fields and expand the type profiles into states.

        Parameters
        ----------
        actions : sequence of str
            The ``n`` actions (at least one).
        types : sequence of str
            The type names (no commas: they join into state names).
        payoffs : mapping
            ``type -> [xi, rho]`` (sender payoff, receiver payoff), every type exactly once.
        type_prior : sequence, optional
            One probability per type, i.i.d. across actions.
        profile_prior : mapping, optional
            ``"t1,...,tn" -> probability`` over type profiles (the rest 0). Exactly one of the two priors.

        Returns
        -------
        ActionTypeGame
            The game, states in lexicographic order of ``types``.

        Raises
        ------
        InputError
            Naming the key: a malformed name, payoff, profile or prior.
        TooLargeError
            Beyond :data:`MAX_TYPE_PROFILES` profiles.

        >>> ActionTypeGame.make(["A"], ["x"], {"x": [1, 0]}).prior
        Traceback (most recent call last):
        exactgame.errors.InputError: action-types: give exactly one of 'type_prior' and 'profile_prior'
        """
        A, T = check_names(actions, "actions"), check_names(types, "types")
        if any("," in t for t in T):
            raise InputError("a type name may not contain ',' (type names join into state names)", where="types")
        if len(T) ** len(A) > MAX_TYPE_PROFILES:
            raise TooLargeError(f"{len(T)} types on {len(A)} actions make {len(T) ** len(A)} type profiles, more than the "
                                f"limit {MAX_TYPE_PROFILES}", where="types")
        pay = _type_payoffs(payoffs, T)
        if (type_prior is None) == (profile_prior is None):
            raise InputError("action-types: give exactly one of 'type_prior' and 'profile_prior'")
        profiles = list(product(T, repeat=len(A)))
        tp, pp = None, None
        if type_prior is not None:
            tp = tuple(to_vector(type_prior, where="type_prior"))
            if len(tp) != len(T):
                raise InputError(f"needs one probability per type ({len(T)}), got {len(tp)}", where="type_prior")
            prior = []
            for th in profiles:
                x = Fraction(1)
                for k in th:
                    x *= tp[T.index(k)]
                prior.append(x)
        else:
            pp = _profile_table(profile_prior, T, len(A))
            prior = [pp.get(profile_name(th), Fraction(0)) for th in profiles]
        return cls(tuple(profile_name(th) for th in profiles), A, tuple(prior),
                   sender={profile_name(th): tuple(pay[k][0] for k in th) for th in profiles},
                   receiver={profile_name(th): tuple(pay[k][1] for k in th) for th in profiles},
                   types=T, type_payoffs=pay, type_prior=tp, profile_prior=pp)

    def profile(self, state: str) -> tuple[str, ...]:
        """The type profile of a state.

        Parameters
        ----------
        state : str
            A state name.

        Returns
        -------
        tuple of str
            One type per action.
        """
        return tuple(state.split(","))

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (``kind = "action-types"``), exact strings, names in file order.

        Returns
        -------
        dict
            ``kind``, ``actions``, ``types``, ``payoffs`` (type -> [xi, rho]) and ``type_prior`` or
            ``profile_prior`` (nonzero profiles in state order); loading it back gives an equal game.
        """
        pay = self.type_payoffs or {}
        doc: dict[str, Any] = {"kind": "action-types", "actions": list(self.actions), "types": list(self.types),
                               "payoffs": {t: exact_strings(pay[t]) for t in self.types}}
        if self.type_prior is not None:
            doc["type_prior"] = exact_strings(self.type_prior)
        else:
            doc["profile_prior"] = {w: fmt(p) for w, p in zip(self.states, self.prior) if p}
        return doc


def _type_payoffs(payoffs: Any, types: Sequence[str]) -> dict[str, tuple[Fraction, Fraction]]:
    if not isinstance(payoffs, Mapping):
        raise InputError("expected a table type -> [sender payoff, receiver payoff]", where="payoffs")
    if set(payoffs) != set(types):
        missing, extra = sorted(set(types) - set(payoffs)), sorted(set(payoffs) - set(types))
        raise InputError(f"needs exactly one row per type (missing: {', '.join(missing) or 'none'}; "
                         f"unknown: {', '.join(map(str, extra)) or 'none'})", where="payoffs")
    out = {}
    for t in types:
        v = to_vector(payoffs[t], where=f"payoffs.{t}")
        if len(v) != 2:
            raise InputError("needs [sender payoff xi, receiver payoff rho]", where=f"payoffs.{t}")
        out[t] = (v[0], v[1])
    return out


def _profile_table(table: Any, types: Sequence[str], n: int) -> dict[str, Fraction]:
    if not isinstance(table, Mapping):
        raise InputError("expected a table \"t1,...,tn\" -> probability", where="profile_prior")
    out: dict[str, Fraction] = {}
    for name, v in table.items():
        parts = str(name).split(",")
        if len(parts) != n or any(t not in types for t in parts):
            raise InputError(f"{name!r} is not a profile of {n} types from {', '.join(types)}", where="profile_prior")
        q = to_fraction(v, where=f"profile_prior.{name}")
        if q < 0:
            raise InputError(f"the probability {fmt(q)} is negative", where=f"profile_prior.{name}")
        if q:
            out[profile_name(parts)] = q
    if sum(out.values(), Fraction(0)) != 1:
        raise InputError(f"the probabilities sum to {fmt(sum(out.values(), Fraction(0)))}, not 1", where="profile_prior")
    return out


def _load(doc: Mapping[str, Any]) -> ActionTypeGame:
    kind = "action-types"
    require_keys(doc, {"kind", "actions", "types", "payoffs", "type_prior", "profile_prior", "title", "source", "description"}, "file")
    return ActionTypeGame.make(get(doc, "actions", kind), get(doc, "types", kind), get(doc, "payoffs", kind),
                               doc.get("type_prior"), doc.get("profile_prior"))


register_kind("action-types", _load)
