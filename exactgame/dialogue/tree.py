r"""A computed protocol as a tree (001_9d9f8fe1d5e70189.txt, Section 2.3): networkx, GraphML, DOT.

The T-round protocol from the start beliefs :math:`(p, q)` is a tree. Its root is the state
:math:`(p, q)` with T rounds to go; a node at which the speaker of round t (Bob when t is odd,
Sally when t is even) splits his belief :math:`x` into :math:`x' \le x \le x''` with
weights :math:`\lambda, 1-\lambda` (:math:`\lambda x' + (1-\lambda) x'' = x`, Bayes
plausibility) has two children with t - 1 rounds to go; a silent speaker has one child
with weight 1. Leaves are the states at which the base game is played. Every node carries
the payoffs :math:`\pi^t(p, q)` of the rounds still to come, and every edge the conditional
probability of that signal; the probability of a node is the product along its path.

Values are exact and are written as strings (``"13/18"``) in the files, since neither
GraphML nor DOT has a rational type.

>>> from exactgame.dialogue.model import spy_game
>>> from exactgame.dialogue.square import alternate
>>> alt = alternate(spy_game(), 2)
>>> G = protocol_tree(alt, Fraction(1, 2), Fraction(1, 2))
>>> G.graph["rounds"], G.number_of_nodes(), [G.nodes[n]["label"] for n in G.successors(0)]
(2, 7, ['t=1 (1/2, 4/9)', 't=1 (1/2, 5/9)'])
>>> sum(G.nodes[n]["probability"] for n in G if G.out_degree(n) == 0)
Fraction(1, 1)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import networkx as nx

from ..errors import InputError, InternalError, TooLargeError
from ..numbers import fmt
from .square import Alternation

__all__ = ["protocol_tree", "to_dot", "write_tree", "MAX_TREE_NODES"]

#: Largest tree built (the tree can double in size with every round).
MAX_TREE_NODES = 100_000


def protocol_tree(alt: Alternation, p: Fraction, q: Fraction, t: int | None = None) -> nx.DiGraph:
    """The protocol tree of ``t`` rounds (default: every computed round) from the start (p, q).

    Parameters
    ----------
    alt : Alternation
        The whole-square computation (:func:`~exactgame.dialogue.square.alternate`).
    p, q : Fraction
        Start beliefs: P(Bob's second type), P(Sally's second type).
    t : int, optional
        Rounds of communication; at most the rounds ``alt`` holds.

    Returns
    -------
    networkx.DiGraph
        Nodes ``0, 1, ...`` (0 is the root) with attributes ``t`` (rounds to go), ``p``,
        ``q``, ``payoffs`` (Sally, Bob) as Fractions, ``speaker`` (who moves there, None at a
        leaf), ``probability`` (of reaching the node) and ``label``; edges with ``weight`` (the
        signal's conditional probability) and ``side`` ("V", or "L"/"R" for a one-sided
        limit, a supremum approached but not attained). Graph attribute ``rounds``.

    Raises
    ------
    InputError
        When ``t`` exceeds the computed rounds.
    TooLargeError
        When the tree would have more than :data:`MAX_TREE_NODES` nodes.

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> G = protocol_tree(alternate(spy_game(), 1), Fraction(1, 2), Fraction(0))
    >>> [(str(G.edges[0, n]["weight"]), G.nodes[n]["label"]) for n in G.successors(0)]
    [('3/4', 't=0 (1/3, 0)'), ('1/4', 't=0 (1, 0)')]
    """
    T = len(alt.rounds) - 1 if t is None else t
    if not 0 <= T <= len(alt.rounds) - 1:
        raise InputError(f"the protocol tree needs 0 <= t <= {len(alt.rounds) - 1} (the computed rounds), got {t}")
    G = nx.DiGraph(rounds=T)

    def add(t: int, p: Fraction, q: Fraction, prob: Fraction) -> int:
        if G.number_of_nodes() >= MAX_TREE_NODES:
            raise TooLargeError(f"the protocol tree has more than {MAX_TREE_NODES} nodes; ask for fewer rounds")
        n = G.number_of_nodes()
        G.add_node(n, t=t, p=p, q=q, payoffs=alt.rounds[t].at(p, q), speaker=alt.rounds[t].speaker,
                   probability=prob, label=f"t={t} ({fmt(p)}, {fmt(q)})")
        return n

    stack = [(add(T, Fraction(p), Fraction(q), Fraction(1)), T)]
    while stack:
        node, t = stack.pop()
        if t == 0:
            continue
        a, b, w = G.nodes[node]["p"], G.nodes[node]["q"], G.nodes[node]["probability"]
        protocol = alt.rounds[t].protocol
        if protocol is None:
            raise InternalError(f"round {t} of the alternation has no protocol")
        for weight, cp, cq, side in protocol.split(a, b):
            child = add(t - 1, cp, cq, w * weight)
            G.add_edge(node, child, weight=weight, side=side)
            stack.append((child, t - 1))
    return G


def _as_strings(G: nx.DiGraph) -> nx.DiGraph:
    """A copy with every attribute as a string or an int (GraphML has no rationals)."""
    H = nx.DiGraph(rounds=G.graph["rounds"])
    for n, d in G.nodes(data=True):
        H.add_node(n, t=d["t"], p=fmt(d["p"]), q=fmt(d["q"]), sally=fmt(d["payoffs"][0]), bob=fmt(d["payoffs"][1]),
                   speaker=d["speaker"] or "", probability=fmt(d["probability"]), label=d["label"])
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, weight=fmt(d["weight"]), side=d["side"])
    return H


def to_dot(G: nx.DiGraph) -> str:
    """The tree in Graphviz DOT (``dot -Tpdf tree.dot -o tree.pdf`` draws it).

    Parameters
    ----------
    G : networkx.DiGraph
        A tree from :func:`protocol_tree`.

    Returns
    -------
    str
        A ``digraph`` with one labelled node per state (beliefs and payoffs) and edges
        labelled with the signal's probability.

    >>> G = nx.DiGraph(rounds=0)
    >>> G.add_node(0, t=0, p=Fraction(1, 2), q=Fraction(1, 3), payoffs=(Fraction(1), Fraction(0)),
    ...            speaker=None, probability=Fraction(1), label="t=0 (1/2, 1/3)")
    >>> print(to_dot(G))
    digraph protocol {
      0 [label="t=0 (1/2, 1/3)\\nSally 1, Bob 0"];
    }
    """
    lines = ["digraph protocol {"]
    for n, d in G.nodes(data=True):
        s, b = d["payoffs"]
        who = f"\\n{d['speaker']} speaks" if d["speaker"] else ""
        lines.append(f'  {n} [label="{d["label"]}\\nSally {fmt(s)}, Bob {fmt(b)}{who}"];')
    for u, v, d in G.edges(data=True):
        side = "" if d["side"] == "V" else f" ({d['side']}: supremum)"
        lines.append(f'  {u} -> {v} [label="{fmt(d["weight"])}{side}"];')
    lines.append("}")
    return "\n".join(lines)


def write_tree(G: nx.DiGraph, path: str | Path) -> str:
    """Write the tree as GraphML (``.graphml``) or DOT (``.dot``, ``.gv``), by the file's suffix.

    Parameters
    ----------
    G : networkx.DiGraph
        A tree from :func:`protocol_tree`.
    path : str or Path
        The file to write.

    Returns
    -------
    str
        The format written: ``"graphml"`` or ``"dot"``.

    Raises
    ------
    InputError
        For another suffix.

    >>> import tempfile, os
    >>> G = nx.DiGraph(rounds=0)
    >>> G.add_node(0, t=0, p=Fraction(1), q=Fraction(0), payoffs=(Fraction(0), Fraction(0)),
    ...            speaker=None, probability=Fraction(1), label="t=0 (1, 0)")
    >>> d = tempfile.mkdtemp()
    >>> write_tree(G, os.path.join(d, "t.graphml")), nx.read_graphml(os.path.join(d, "t.graphml")).nodes["0"]["probability"]
    ('graphml', '1')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(_as_strings(G), path)
        return "graphml"
    if suffix in (".dot", ".gv"):
        path.write_text(to_dot(G) + "\n")
        return "dot"
    raise InputError(f"--tree {path}: write the protocol tree as .graphml or .dot (got '{suffix or 'no suffix'}')")
