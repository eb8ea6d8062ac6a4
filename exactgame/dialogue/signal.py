r"""Signals in both of the paper's forms (001_9d9f8fe1d5e70189.txt, Section 2.3.2 and footnote 5).

A refinement of :math:`D` is a distribution over posteriors, :math:`\sum_k w_k D_k = D`
(*refinement form*, what the engines compute). The same signal as the sender sends it is its
*likelihood form*: message :math:`k` is sent by type :math:`\theta` with probability

.. math:: P(k \mid \theta) = \frac{w_k D_k(\theta)}{D(\theta)} \quad (D(\theta) > 0),

each type's row a distribution over the messages (Bayes' rule gives back :math:`w_k` and
:math:`D_k`). Footnote 5 writes Section 3.1's signal this way: the high type sends H w.p. 1/3
and L w.p. 2/3, the low type always L. A type with :math:`D(\theta) = 0` sends nothing that
matters; its row is ``None``.

>>> F = Fraction
>>> likelihoods((F(2, 3), F(1, 3)), [(F(3, 4), F(1, 4)), (F(0), F(1))], (F(8, 9), F(1, 9)))   # Section 3.1
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(2, 3), Fraction(1, 3)]]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..certificates import encode

__all__ = ["likelihoods", "signal_entry", "signal_text"]


def likelihoods(prior: Sequence[Fraction], posteriors: Sequence[Sequence[Fraction]],
                weights: Sequence[Fraction]) -> list[list[Fraction] | None]:
    """The likelihood form: ``L[theta][k]`` = P(message k | type theta) (module docstring).

    Parameters
    ----------
    prior : sequence of Fraction
        The distribution refined.
    posteriors : sequence of sequence of Fraction
        One posterior per message.
    weights : sequence of Fraction
        The messages' probabilities.

    Returns
    -------
    list
        Per type, the list over messages (summing to 1), or None when the prior gives the type 0.

    >>> likelihoods((Fraction(1),), [(Fraction(1),)], (Fraction(1),))
    [[Fraction(1, 1)]]
    """
    return [None if not d else [w * post[i] / d for post, w in zip(posteriors, weights)] for i, d in enumerate(prior)]


def signal_entry(source: str, speaker: str, types: Sequence[str], prior: Sequence[Fraction],
                 posteriors: Sequence[Sequence[Fraction]], weights: Sequence[Fraction], t: int | None = None) -> dict[str, Any]:
    """A document entry of ``signals``: one refinement restated in likelihood form.

    Parameters
    ----------
    source : str
        Document path of the refinement it restates (a ``dialogue-split`` or a start-path move).
    speaker : str
        ``"bob"`` or ``"sally"``.
    types : sequence of str
        The speaker's type names.
    prior, posteriors, weights
        The refinement, as in :func:`likelihoods`.
    t : int, optional
        The round.

    Returns
    -------
    dict
        ``source``, ``t``, ``speaker``, ``types``, ``messages`` [{``posterior``, ``probability``}]
        and ``likelihood`` {type: [P(message k | type), ...] or None}, exact strings.

    >>> e = signal_entry("protocol/splits/0", "bob", ["3", "6"], (Fraction(2, 3), Fraction(1, 3)),
    ...                  [(Fraction(3, 4), Fraction(1, 4)), (Fraction(0), Fraction(1))], (Fraction(8, 9), Fraction(1, 9)), 1)
    >>> e["likelihood"]
    {'3': ['1', '0'], '6': ['2/3', '1/3']}
    """
    L = likelihoods(prior, posteriors, weights)
    return {"source": source, "t": t, "speaker": speaker, "types": list(types),
            "messages": [{"posterior": encode(d), "probability": encode(w)} for d, w in zip(posteriors, weights)],
            "likelihood": {name: encode(row) for name, row in zip(types, L)}}


def signal_text(entry: dict[str, Any]) -> str:
    """One line in the footnote-5 style: per type, the probability of each message.

    Parameters
    ----------
    entry : dict
        From :func:`signal_entry`.

    Returns
    -------
    str

    >>> e = signal_entry("s", "bob", ["3", "6"], (Fraction(2, 3), Fraction(1, 3)),
    ...                  [(Fraction(3, 4), Fraction(1, 4)), (Fraction(0), Fraction(1))], (Fraction(8, 9), Fraction(1, 9)), 1)
    >>> signal_text(e)
    't=1 bob: m1 (prob 8/9 -> (3/4, 1/4)), m2 (prob 1/9 -> (0, 1)); type 3 sends m1 1, m2 0; type 6 sends m1 2/3, m2 1/3'
    """
    msgs = ", ".join(f"m{k + 1} (prob {m['probability']} -> ({', '.join(m['posterior'])}))" for k, m in enumerate(entry["messages"]))
    rows = []
    for name, row in entry["likelihood"].items():
        rows.append(f"type {name} " + ("has probability 0" if row is None else
                                       "sends " + ", ".join(f"m{k + 1} {x}" for k, x in enumerate(row))))
    head = f"t={entry['t']} " if entry.get("t") is not None else ""
    return f"{head}{entry['speaker']}: {msgs}; " + "; ".join(rows)
