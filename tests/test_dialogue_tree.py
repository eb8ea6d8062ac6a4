"""The protocol tree (issue 24): Bayes plausibility and the payoffs' martingale at every node,
probabilities summing to one, and the GraphML/DOT files."""

from fractions import Fraction as F

import networkx as nx
import pytest

from exactgame.dialogue.model import spy_game
from exactgame.dialogue.square import alternate
from exactgame.dialogue.tree import protocol_tree, to_dot, write_tree
from exactgame.errors import InputError


@pytest.mark.parametrize("start", [(F(1, 2), F(1, 2)), (F(1, 3), F(3, 4)), (F(9, 10), F(1, 5))])
def test_every_split_is_bayes_plausible_and_averages_the_payoffs(start):
    alt = alternate(spy_game(), 5, stop_when_stable=False)
    G = protocol_tree(alt, *start)
    assert nx.is_arborescence(G)
    for n, d in G.nodes(data=True):
        kids = list(G.successors(n))
        if d["t"] == 0:
            assert not kids
            continue
        w = [G.edges[n, k]["weight"] for k in kids]
        assert sum(w) == 1 and all(x > 0 for x in w)
        axis = "p" if d["t"] % 2 else "q"      # Bob moves p in odd rounds, Sally q in even ones
        fixed = "q" if axis == "p" else "p"
        assert sum(x * G.nodes[k][axis] for x, k in zip(w, kids)) == d[axis]
        assert all(G.nodes[k][fixed] == d[fixed] for k in kids)
        for i in (0, 1):   # payoffs of t rounds = expected payoffs of the children's t - 1 rounds
            assert sum(x * G.nodes[k]["payoffs"][i] for x, k in zip(w, kids)) == d["payoffs"][i]
    leaves = [n for n in G if G.out_degree(n) == 0]
    assert sum(G.nodes[n]["probability"] for n in leaves) == 1


def test_files(tmp_path):
    alt = alternate(spy_game(), 3)
    G = protocol_tree(alt, F(1, 2), F(1, 2))
    assert write_tree(G, tmp_path / "t.graphml") == "graphml"
    back = nx.read_graphml(tmp_path / "t.graphml")
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.nodes["0"]["sally"] == str(G.nodes[0]["payoffs"][0])
    assert write_tree(G, tmp_path / "t.dot") == "dot"
    assert (tmp_path / "t.dot").read_text().strip() == to_dot(G)
    assert to_dot(G).count("->") == G.number_of_edges()
    with pytest.raises(InputError, match="graphml or .dot"):
        write_tree(G, tmp_path / "t.png")
    with pytest.raises(InputError, match="computed rounds"):
        protocol_tree(alt, F(1, 2), F(1, 2), 9)
