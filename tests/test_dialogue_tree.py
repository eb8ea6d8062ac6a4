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


def test_silence_among_equal_payoff_splits_as_in_figure_1():
    """001, Section 3.2 / Figure 1: after Sally's q = 0 signal Bob stays silent (the engine used
    to split p = 1/3 into 0 and 1/2, which pays both players the same); after q = 2/3 he
    still splits into 1/4 and 1."""
    from exactgame.dialogue.square import path_certificate
    from exactgame.reproduce.dialogue import section_3_2

    alt = alternate(section_3_2(), 2)
    G = protocol_tree(alt, F(1, 3), F(1, 2))
    after = {G.nodes[n]["q"]: n for n in G.successors(0)}
    assert set(after) == {F(0), F(2, 3)}
    silent = list(G.successors(after[F(0)]))
    assert len(silent) == 1 and G.nodes[silent[0]]["p"] == F(1, 3) and G.edges[after[F(0)], silent[0]]["weight"] == 1
    split = sorted((G.nodes[k]["p"], G.edges[after[F(2, 3)], k]["weight"]) for k in G.successors(after[F(2, 3)]))
    assert split == [(F(1, 4), F(8, 9)), (F(1), F(1, 9))]
    assert path_certificate(alt, F(1, 3), F(1, 2)).verify()   # the silent node is certified too


def test_a_limit_keeps_the_completed_rounds(monkeypatch):
    """Issue 24: at a limit every completed round is returned, with the limit named."""
    from exactgame.dialogue import square
    from exactgame.errors import TooLargeError

    monkeypatch.setattr(square, "MAX_COORD_BITS", 60)
    with pytest.raises(TooLargeError, match="digits"):
        alternate(spy_game(), 12)
    alt = alternate(spy_game(), 12, partial=True)
    assert 3 <= len(alt.rounds) - 1 < 12 and "digits" in alt.stopped_by
    full = alternate(spy_game(), len(alt.rounds) - 1)
    assert [r.at(F(1, 2), F(1, 2)) for r in alt.rounds] == [r.at(F(1, 2), F(1, 2)) for r in full.rounds]
    timed = alternate(spy_game(), 12, partial=True, budget=0)
    assert len(timed.rounds) == 1 and "time budget" in timed.stopped_by   # no round starts once it is used up


def test_cli_reports_the_rounds_done_theorem_2_and_writes_the_tree(tmp_path, capsys):
    import json

    from exactgame.cli import main
    from exactgame.check import check_document

    out = tmp_path / "t.graphml"
    assert main(["dialogue", "examples/spy_game.toml", "--rounds", "30", "--time-limit", "0.000001",
                 "--tree", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["rounds"]) == 1 and "time budget" in doc["stopped_by"] and doc["rounds_asked"] == 30
    assert nx.read_graphml(out).number_of_nodes() == 1
    assert "rounds/0" in check_document(doc).proved      # the completed rounds verify
    assert main(["dialogue", "examples/bilateral_trade_three_values.toml", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["message_complexity"] is None and doc["message_complexity_lower_bound"] == 3   # 001 Section 3.4: C >= 3
    assert doc["claims"]["message_complexity_lower_bound"]["status"] == "conditional"
    check_document(doc)
    doc["message_complexity_lower_bound"] = 4
    with pytest.raises(Exception, match="message_complexity_lower_bound"):
        check_document(doc)
    assert main(["dialogue", "examples/spy_game.toml", "--time-limit", "-1"]) == 2
    assert main(["dialogue", "examples/bilateral_trade_three_values.toml", "--tree", str(out)]) == 2


def test_figure_5_labels_and_every_round_drawn(tmp_path, monkeypatch):
    """Issue 24: the t = 0 panel carries Figure 5's C/E, E/E, E/C labels, and every round gets a
    panel (no silent cap at 7)."""
    from exactgame import plots

    texts = []

    class Ax:
        def axvline(self, *a, **k):
            pass

        def annotate(self, text, *a, **k):
            texts.append(text)

    alt = alternate(spy_game(), 9, stop_when_stable=False)
    plots._threshold_panel(Ax(), alt, float)
    assert [t for t in texts if "/" in t and t[0].isalpha()] == ["C/E", "E/E", "E/C"]
    drawn = []
    monkeypatch.setattr(plots, "_round_panel", lambda ax, alt, t, steps, f: drawn.append(t))
    plots.plot_dialogue(alt, str(tmp_path / "s.png"), (F(1, 2), F(1, 2)))
    assert drawn == list(range(1, 10))
