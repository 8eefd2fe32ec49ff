"""The figures of MemberNetworkApiTest's hand-built community, computed with networkx, independently
of the ledger: run `python3 hand_built_network.py` and compare with the numbers written in the test.

Local trust s_ij = max(level_ij, 0) + value of the confirmed gifts j gave i (weights 1, alpha 0.15),
as docs/reputation.md defines it; the pending act and the distrust weigh nothing.
"""
import networkx as nx

MEMBERS = ["mia", "gus", "kim", "tom", "una", "ned", "zoe", "rex", "dan", "ivo", "liv"]
TRUST = [("mia", "gus", 7), ("gus", "mia", 5), ("mia", "kim", 3), ("kim", "mia", 9), ("una", "mia", 6),
         ("mia", "ned", 4), ("gus", "zoe", 8), ("kim", "zoe", 9), ("una", "zoe", 2), ("tom", "rex", 5),
         ("zoe", "liv", 3), ("dan", "mia", -4)]
# (giver, receiver, category, value), all confirmed
ACTS = [("gus", "mia", "help", 6), ("mia", "gus", "help", 1), ("kim", "mia", "advice", 2),
        ("mia", "tom", "help", 4), ("tom", "mia", "help", 3)]


def graph(category=None):
    g = nx.DiGraph()
    g.add_nodes_from(MEMBERS)
    for truster, trustee, level in TRUST:
        if level > 0:
            g.add_edge(truster, trustee, s=g.get_edge_data(truster, trustee, {"s": 0})["s"] + level)
    for giver, receiver, act_category, value in ACTS:
        if category is None or act_category == category:
            g.add_edge(receiver, giver, s=g.get_edge_data(receiver, giver, {"s": 0})["s"] + value)
    return g


def influence(category=None, personal=None):
    return nx.pagerank(graph(category), alpha=0.85, weight="s", tol=1e-15, max_iter=10_000,
                       personalization=None if personal is None else {personal: 1})


def contacts(member):
    tied = set()
    for truster, trustee, level in TRUST:
        if level > 0 and member in (truster, trustee):
            tied.add(trustee if truster == member else truster)
    for giver, receiver, _, _ in ACTS:
        if member in (giver, receiver):
            tied.add(receiver if giver == member else giver)
    return tied


overall = influence()
print("overall", {m: repr(overall[m]) for m in MEMBERS})
mine = sorted(contacts("mia"), key=lambda m: (-overall[m], m))
print("contacts by influence", mine)
values = sorted(overall[m] for m in mine)
print("mean", repr(sum(values) / len(values)), "median", repr(values[len(values) // 2]))
share = {m: sum(overall[c] for c in contacts(m)) for m in MEMBERS}
print("influenceShare", repr(share["mia"]))
lower = sum(1 for m in MEMBERS if m != "mia" and share[m] < share["mia"])
print("percentile", repr(100 * lower / (len(MEMBERS) - 1)), "lower", lower)
for category in ["help", "advice"]:
    by_category = influence(category)
    print("relevance", category, repr(sum(by_category[c] for c in contacts("mia"))))
personal = influence(personal="mia")
print("personal", {m: repr(personal[m]) for m in ["zoe", "rex", "liv"]})
advice = influence("advice", personal="mia")
print("personal in advice", {m: repr(advice[m]) for m in ["zoe", "rex", "liv"]})
