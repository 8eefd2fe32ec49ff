#!/usr/bin/env python3
"""Computes the reference figures that the reputation projection's tests compare against.

ReputationProjectionReferenceTest (query/src/test/java/org/contributionledger/query/reputation/)
replays the events of each scenario below into ReputationProjection and compares the answers
(ReputationQueries) with the figures written here. The figures come from networkx (pagerank, overall_reciprocity, density,
shortest paths) and plain Python arithmetic, an implementation independent of the Java engine.
The scenarios are defined here only, and written out with their events, so the Java side never
restates them. The script and its output are both committed; the Java tests never run Python.

Run it from anywhere (paths are resolved relative to this file):

    python3 query/src/test/python/make_projection_reference.py

It writes query/src/test/resources/projection/reputation-scenarios.json.

The model, as documented on CommunityNetwork.freeze(), CommunitySettings and the query records:
  * Overall local trust s_ij = wTrust * max(level_ij, 0) + wGift * sum_c value_c(j -> i) * w_c,
    where level_ij is the all-categories declaration in force, or else the highest
    category-specific one. Only confirmed acts count; a gift adds an edge receiver -> giver.
  * Per category c: the declaration for c, or else the all-categories one, and gifts of c only.
    Categories are the community's categories plus those of confirmed acts.
  * Influence is PageRank with damping 1 - alpha; the teleport vector p (also where dangling
    members' influence goes) is uniform over the registered, active pre-trusted members when there
    are any, else uniform over the active members (over all members when all or none are active).
  * Personalized influence (FindInfluencers) uses p = the member alone.
  * PageRank runs with tol=1e-15 and max_iter=100000; networkx stops when the L1 change is below
    N * tol, so every vector here is converged far below the Java engine's 1e-10.

Members are numbered in registration order (the engine's node ids); ties in rankings and in
top-source lists go to the lower number. Where two figures are closer than TIE_GAP the script
refuses to emit an order that floating-point noise could flip, and marks the rank null instead.
"""

import json
import math
import os

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.normpath(os.path.join(HERE, "..", "resources", "projection"))

DEFAULT_CATEGORIES = ["help", "introduction", "referral", "advice", "endorsement"]
ALL = "*"
TOLERANCE = 1e-15
MAX_ITERATIONS = 100000
TIE_GAP = 1e-8


# ------------------------------------------------------------------ events


def member(member_id):
    return {"type": "member", "member": member_id}


def trust(truster, trustee, level, category=None):
    return {"type": "trust", "truster": truster, "trustee": trustee, "category": category, "level": level}


def withdraw(truster, trustee, category=None):
    return {"type": "withdraw", "truster": truster, "trustee": trustee, "category": category}


def gift(act, giver, receiver, category, value):
    """An act recorded by its receiver: confirmed at once."""
    return {"type": "gift", "id": act, "giver": giver, "receiver": receiver, "category": category,
            "value": value}


def offer(act, giver, receiver, category, value):
    """An act recorded by its giver: pending until the receiver confirms it."""
    return {"type": "offer", "id": act, "giver": giver, "receiver": receiver, "category": category,
            "value": value}


def confirm(act):
    return {"type": "confirm", "id": act}


def dispute(act):
    return {"type": "dispute", "id": act}


def revoke(act):
    return {"type": "revoke", "id": act}


def suspend(member_id):
    return {"type": "suspend", "member": member_id}


def reinstate(member_id):
    return {"type": "reinstate", "member": member_id}


# ------------------------------------------------------------------ scenarios

TRUST_ONLY_EVENTS = [
    *(member(m) for m in ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]),
    trust("alice", "bob", 3),
    trust("alice", "carol", 1),
    trust("bob", "carol", 5),
    trust("carol", "alice", 2),
    trust("carol", "dave", -5),       # distrust: no influence flows, dave receives one distrust
    trust("dave", "erin", 4),
    trust("erin", "dave", 2),
    trust("erin", "alice", 1),
    trust("frank", "alice", 6),
    trust("bob", "frank", 2),
    trust("alice", "bob", 7),         # redeclared: the new level replaces 3
    withdraw("bob", "frank"),         # withdrawn: no longer in force
    trust("dave", "grace", 0),        # a tie, neither trust nor distrust
]

GIFT_EVENTS = [
    *(member(m) for m in ["alice", "bob", "carol", "dave", "erin", "frank"]),
    trust("alice", "bob", 4),
    trust("alice", "bob", 9, "help"),     # category-specific: help uses 9, overall keeps the 4 for all
    trust("carol", "dave", 6, "advice"),  # only a category: overall takes the highest category level
    trust("erin", "frank", 2, "help"),
    trust("erin", "frank", 8, "advice"),
    trust("dave", "alice", -3),           # distrust overall (no influence) ...
    trust("dave", "alice", 5, "help"),    # ... yet trust for help
    trust("bob", "carol", 2),             # all categories, so every category graph has it
    trust("frank", "erin", 1),
    gift("g1", "bob", "alice", "help", "10"),
    offer("g2", "bob", "alice", "advice", "5"),
    confirm("g2"),
    gift("g3", "carol", "bob", "help", "3"),
    gift("g4", "alice", "carol", "referral", "7.5"),
    gift("g5", "dave", "erin", "help", "2"),
    gift("g6", "erin", "dave", "help", "4"),
    offer("g7", "frank", "alice", "help", "20"),        # still pending: not counted
    offer("g8", "carol", "frank", "advice", "6"),
    dispute("g8"),                                       # disputed: not counted
    offer("g9", "alice", "dave", "help", "9"),
    revoke("g9"),                                        # revoked: not counted
    gift("g10", "bob", "alice", "help", "2.5"),          # adds to g1 on the same pair
    gift("g11", "frank", "carol", "introduction", "1.25"),
]

SCENARIOS = [
    {
        "name": "trust-only",
        "description": "Positive, negative, zero, redeclared and withdrawn trust; no acts.",
        "settings": None,
        "events": TRUST_ONLY_EVENTS,
        "influencers": [["alice", None], ["erin", None], ["grace", None]],
        "explain": ["alice", "carol", "dave"],
    },
    {
        "name": "trust-and-gifts",
        "description": "Trust per category and for all, confirmed acts (recorded confirmed or confirmed later);"
                       " pending, disputed and revoked acts do not count.",
        "settings": None,
        "events": GIFT_EVENTS,
        "influencers": [["alice", None], ["erin", None], ["bob", "help"], ["dave", "advice"]],
        "explain": ["alice", "bob", "erin"],
    },
    {
        "name": "weighted",
        "description": "The trust-and-gifts events with wTrust 2, wGift 0.5, category weights and alpha 0.2.",
        "settings": {"reputation": {"trust": 2.0, "gift": 0.5, "categories": {"advice": 3.0, "referral": 0.5},
                                    "alpha": 0.2}},
        "events": GIFT_EVENTS,
        "influencers": [["carol", None], ["alice", "help"]],
        "explain": ["alice", "carol"],
    },
    {
        "name": "pre-trusted",
        "description": "Pre-trusted alice, carol, dave and an unregistered ghost; dave is suspended, so"
                       " the teleport mass goes to alice and carol only.",
        "settings": {"preTrustedMembers": ["alice", "carol", "dave", "ghost"]},
        "events": GIFT_EVENTS + [suspend("dave")],
        "influencers": [["bob", None]],
        "explain": ["alice", "frank"],
    },
    {
        "name": "suspended",
        "description": "The trust-only events; frank is suspended, bob suspended then reinstated: the"
                       " teleport mass goes to the active members only.",
        "settings": None,
        "events": TRUST_ONLY_EVENTS + [suspend("frank"), suspend("bob"), reinstate("bob")],
        "influencers": [["frank", None]],
        "explain": ["alice", "frank"],
    },
]


# ------------------------------------------------------------------ the model, from the events


class Community:

    def __init__(self, settings):
        settings = settings or {}
        weights = settings.get("reputation") or {}
        self.w_trust = weights.get("trust", 1.0)
        self.w_gift = weights.get("gift", 1.0)
        self.w_category = weights.get("categories", {})
        self.alpha = weights.get("alpha", 0.15)
        self.categories = settings.get("categories") or DEFAULT_CATEGORIES
        self.pre_trusted = settings.get("preTrustedMembers") or []
        self.members = []
        self.active = {}
        self.trust = {}       # (truster, trustee) -> {category or ALL: level}
        self.acts = {}        # id -> dict(giver, receiver, category, value, status)

    def apply(self, event):
        kind = event["type"]
        if kind == "member":
            self.members.append(event["member"])
            self.active[event["member"]] = True
        elif kind == "suspend":
            self.active[event["member"]] = False
        elif kind == "reinstate":
            self.active[event["member"]] = True
        elif kind == "trust":
            key = (event["truster"], event["trustee"])
            self.trust.setdefault(key, {})[event["category"] or ALL] = event["level"]
        elif kind == "withdraw":
            key = (event["truster"], event["trustee"])
            self.trust.get(key, {}).pop(event["category"] or ALL, None)
            if key in self.trust and not self.trust[key]:
                del self.trust[key]
        elif kind in ("gift", "offer"):
            self.acts[event["id"]] = {"giver": event["giver"], "receiver": event["receiver"],
                                      "category": event["category"], "value": float(event["value"]),
                                      "status": "CONFIRMED" if kind == "gift" else "PENDING"}
        elif kind == "confirm":
            self.acts[event["id"]]["status"] = "CONFIRMED"
        elif kind == "dispute":
            self.acts[event["id"]]["status"] = "DISPUTED"
        elif kind == "revoke":
            self.acts[event["id"]]["status"] = "REVOKED"
        else:
            raise ValueError(kind)

    def confirmed(self):
        return [act for act in self.acts.values() if act["status"] == "CONFIRMED"]

    def category_weight(self, category):
        return self.w_category.get(category, 1.0)

    @staticmethod
    def overall_level(levels):
        return levels[ALL] if ALL in levels else max(levels.values())

    def empty_graph(self):
        graph = nx.DiGraph()
        graph.add_nodes_from(self.members)
        return graph

    @staticmethod
    def add(graph, source, target, weight):
        if weight <= 0:
            return
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += weight
        else:
            graph.add_edge(source, target, weight=weight)

    def overall_graph(self):
        graph = self.empty_graph()
        for (truster, trustee), levels in self.trust.items():
            level = self.overall_level(levels)
            if level > 0:
                self.add(graph, truster, trustee, self.w_trust * level)
        for act in self.confirmed():
            self.add(graph, act["receiver"], act["giver"],
                     self.w_gift * act["value"] * self.category_weight(act["category"]))
        return graph

    def category_names(self):
        return sorted(set(self.categories) | {act["category"] for act in self.confirmed()})

    def category_graph(self, category):
        graph = self.empty_graph()
        for (truster, trustee), levels in self.trust.items():
            level = levels.get(category, levels.get(ALL))
            if level is not None and level > 0:
                self.add(graph, truster, trustee, self.w_trust * level)
        for act in self.confirmed():
            if act["category"] == category:
                self.add(graph, act["receiver"], act["giver"],
                         self.w_gift * act["value"] * self.category_weight(category))
        return graph

    def teleport(self):
        """The teleport vector as a dict over all members, summing to 1."""
        seeds = [m for m in self.pre_trusted if m in self.active and self.active[m]]
        if not seeds:
            seeds = [m for m in self.members if self.active[m]]
            if not seeds:
                seeds = list(self.members)
        return {m: (1.0 / len(seeds) if m in seeds else 0.0) for m in self.members}

    def pagerank(self, graph, teleport):
        return nx.pagerank(graph, alpha=1 - self.alpha, weight="weight", tol=TOLERANCE, max_iter=MAX_ITERATIONS,
                           personalization=teleport, dangling=teleport, nstart=teleport)

    def index(self, member_id):
        return self.members.index(member_id)


# ------------------------------------------------------------------ figures


def ranks(community, scores):
    """Rank and percentile per member; both null where another member is within TIE_GAP."""
    order = sorted(community.members, key=lambda m: (-scores[m], community.index(m)))
    result = {}
    n = len(order)
    for position, m in enumerate(order):
        tied = any(other != m and abs(scores[other] - scores[m]) < TIE_GAP for other in order)
        lower = sum(1 for other in order if scores[other] < scores[m] - TIE_GAP)
        result[m] = {"rank": None if tied else position + 1,
                     "percentile": None if tied else (100.0 if n == 1 else 100.0 * lower / (n - 1))}
    return result


def influence_figures(community, graph, teleport):
    scores = community.pagerank(graph, teleport)
    n = len(community.members)
    positions = ranks(community, scores)
    return {m: {"score": scores[m], "relativeScore": scores[m] * n, **positions[m]} for m in community.members}


def influencers(community, graph, member_id):
    personal = {m: (1.0 if m == member_id else 0.0) for m in community.members}
    scores = community.pagerank(graph, personal)
    others = [m for m in community.members if m != member_id and scores[m] > 0]
    order = sorted(others, key=lambda m: (-scores[m], community.index(m)))
    for first, second in zip(order, order[1:]):
        if scores[first] - scores[second] < TIE_GAP:
            raise SystemExit(f"influencers of {member_id}: {first} and {second} tie; change the scenario")
    return {"order": order, "scores": {m: scores[m] for m in community.members}}


def explanation(community, graph, scores, teleport, member_id):
    """Top sources (1 - alpha) * t_j * c_ji, largest first, and the three parts of the score."""
    damping = 1 - community.alpha
    sources = []
    for source in graph.predecessors(member_id):
        out_weight = sum(data["weight"] for _, _, data in graph.out_edges(source, data=True))
        share = graph[source][member_id]["weight"] / out_weight
        sources.append({"member": source, "contribution": damping * scores[source] * share,
                        "trustShare": share, "sourceScore": scores[source]})
    sources.sort(key=lambda s: (-s["contribution"], community.index(s["member"])))
    for first, second in zip(sources, sources[1:]):
        if first["contribution"] - second["contribution"] < TIE_GAP:
            raise SystemExit(f"sources of {member_id}: {first['member']} and {second['member']} tie")
    dangling = sum(scores[m] for m in community.members if graph.out_degree(m, weight="weight") == 0)
    p = teleport[member_id]
    return {"topSources": sources,
            "fromMembers": sum(s["contribution"] for s in sources),
            "fromMembersWhoTrustNobody": damping * dangling * p,
            "fromTeleport": community.alpha * p}


def ties(graph, positive, negative):
    edges = graph.number_of_edges()
    if edges == 0:
        return {"ties": 0, "positive": 0, "negative": 0, "mutualPairs": 0,
                "edgewiseReciprocity": None, "garlaschelliLoffredoReciprocity": None}
    r = nx.overall_reciprocity(graph)
    a = nx.density(graph)
    return {"ties": edges, "positive": positive, "negative": negative,
            "mutualPairs": sum(1 for u, v in graph.edges() if graph.has_edge(v, u)) // 2,
            "edgewiseReciprocity": r,
            "garlaschelliLoffredoReciprocity": 1.0 if a == 1 else (r - a) / (1 - a)}


def gini(values):
    """sum_i sum_j |x_i - x_j| / (2 n^2 mean): the textbook definition, O(n^2)."""
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return 0.0
    differences = sum(abs(x - y) for x in values for y in values)
    return differences / (2 * n * n * (total / n))


def shannon(weights):
    total = sum(weights)
    if total == 0:
        return 0.0
    return -sum((w / total) * math.log(w / total) for w in weights if w > 0)


def network_stats(community):
    tie_graph = community.empty_graph()
    positive = negative = 0
    for (truster, trustee), levels in community.trust.items():
        tie_graph.add_edge(truster, trustee)
        level = community.overall_level(levels)
        positive += level > 0
        negative += level < 0
    giving = community.empty_graph()
    given = {m: 0.0 for m in community.members}
    for act in community.confirmed():
        community.add(giving, act["giver"], act["receiver"], act["value"])
        given[act["giver"]] += act["value"]
    return {"trust": ties(tie_graph, positive, negative),
            "giving": ties(giving, giving.number_of_edges(), 0),
            "giniOfGivenValue": gini([given[m] for m in community.members])}


def member_figures(community):
    positive = community.empty_graph()
    distrust = {m: 0 for m in community.members}
    for (truster, trustee), levels in community.trust.items():
        level = community.overall_level(levels)
        if level > 0:
            positive.add_edge(truster, trustee)
        elif level < 0:
            distrust[trustee] += 1
    near = nx.Graph()
    near.add_nodes_from(community.members)
    near.add_edges_from(positive.edges())
    exchanged = {m: {} for m in community.members}
    gave_to = {m: set() for m in community.members}
    got_from = {m: set() for m in community.members}
    categories = {m: set() for m in community.members}
    for act in community.confirmed():
        giver, receiver = act["giver"], act["receiver"]
        near.add_edge(giver, receiver)
        gave_to[giver].add(receiver)
        got_from[receiver].add(giver)
        for one, other in ((giver, receiver), (receiver, giver)):
            exchanged[one][other] = exchanged[one].get(other, 0.0) + act["value"]
            categories[one].add(act["category"])
    figures = {}
    for m in community.members:
        out = set(positive.successors(m))
        back = out & set(positive.predecessors(m))
        figures[m] = {
            "breadth": {"givenTo": len(gave_to[m]), "receivedFrom": len(got_from[m]),
                        "partners": len(exchanged[m]), "categories": sorted(categories[m]),
                        "partnerDiversity": shannon(list(exchanged[m].values()))},
            "reach": len(nx.single_source_shortest_path_length(near, m, cutoff=2)) - 1,
            "character": {"reciprocatedTrust": len(back) / len(out) if out else None,
                          "trusts": len(out), "trustedBy": positive.in_degree(m),
                          "distrustReceived": distrust[m]},
        }
    return figures


def expected(scenario):
    community = Community(scenario["settings"])
    for event in scenario["events"]:
        community.apply(event)
    teleport = community.teleport()
    overall_graph = community.overall_graph()
    overall = influence_figures(community, overall_graph, teleport)
    category_graphs = {c: community.category_graph(c) for c in community.category_names()}
    by_category = {c: influence_figures(community, g, teleport) for c, g in category_graphs.items()}
    overall_scores = {m: overall[m]["score"] for m in community.members}
    return {
        "members": community.members,
        "teleport": teleport,
        "overall": overall,
        "byCategory": by_category,
        "influencers": [{"member": m, "category": c,
                         **influencers(community, overall_graph if c is None else category_graphs[c], m)}
                        for m, c in scenario["influencers"]],
        "explanations": {m: explanation(community, overall_graph, overall_scores, teleport, m)
                         for m in scenario["explain"]},
        "networkStats": network_stats(community),
        "memberFigures": member_figures(community),
    }


def main():
    os.makedirs(OUTPUT, exist_ok=True)
    document = {
        "generatedBy": "query/src/test/python/make_projection_reference.py",
        "networkx": nx.__version__,
        "scenarios": [{"name": s["name"], "description": s["description"], "settings": s["settings"],
                       "events": s["events"], "expected": expected(s)} for s in SCENARIOS],
    }
    path = os.path.join(OUTPUT, "reputation-scenarios.json")
    with open(path, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
