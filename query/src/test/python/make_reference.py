#!/usr/bin/env python3
"""Computes the reference figures that the reputation graph engine's tests compare against.

The figures come from networkx (and plain Python/numpy arithmetic), an implementation that is
independent of the Java engine. The script reads only the data files copied into
query/src/test/resources/reference/ and writes its results to the expected/ folder beside them.
Both the script and its outputs are committed, so the Java tests never need Python.

Run it from anywhere (paths are resolved relative to this file):

    python3 query/src/test/python/make_reference.py

Conventions shared with the Java tests (see ReferenceData.java):
  * Bitcoin OTC members are identified by the ids in the file; the Java side maps them to dense
    indexes in ascending id order. Output files use the original ids.
  * Karate club ids 1..34 and LDBC ids 1..10 are written 0-based (id - 1), as the Java side uses.
  * PageRank is networkx.pagerank with alpha=0.85 (the engine's alpha = 0.15 is the teleport
    share), tol=1e-15 and max_iter=100000. networkx stops when the L1 change is below N * tol,
    so every vector here is converged to an L1 change below 1e-11.
"""

import csv
import math
import os
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.normpath(os.path.join(HERE, "..", "resources", "reference"))
EXPECTED = os.path.join(REFERENCE, "expected")

DAMPING = 0.85
TOLERANCE = 1e-15
MAX_ITERATIONS = 100000
SYBIL_RING_SIZE = 200
SYBIL_RING_WEIGHT = 10.0
SYBIL_BRIDGE_WEIGHT = 1.0
SAMPLE_SEED = 20240601
SAMPLE_SIZE = 60


def pagerank(graph, personalization=None):
    """networkx PageRank with the engine's conventions: dangling rows follow the teleport vector."""
    return nx.pagerank(
        graph,
        alpha=DAMPING,
        weight="weight",
        tol=TOLERANCE,
        max_iter=MAX_ITERATIONS,
        personalization=personalization,
        dangling=personalization,
    )


def write_vector(name, scores, node_header="node"):
    with open(os.path.join(EXPECTED, name), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([node_header, "score"])
        for node in sorted(scores):
            writer.writerow([node, repr(float(scores[node]))])


def read_bitcoin_rows():
    rows = []
    with open(os.path.join(REFERENCE, "soc-sign-bitcoinotc.csv")) as handle:
        for line in handle:
            source, target, rating, _time = line.strip().split(",")
            rows.append((int(source), int(target), float(rating)))
    return rows


def bitcoin_graphs(rows):
    """Returns (all_edges_graph, positive_trust_graph); both hold every node that appears in a row."""
    nodes = sorted({source for source, _, _ in rows} | {target for _, target, _ in rows})
    everything = nx.DiGraph()
    everything.add_nodes_from(nodes)
    positive = nx.DiGraph()
    positive.add_nodes_from(nodes)
    for source, target, rating in rows:
        everything.add_edge(source, target, weight=rating)
        if rating > 0:
            positive.add_edge(source, target, weight=rating)
    return everything, positive


def edgewise_reciprocity(graph):
    """Share of directed edges whose reverse edge exists; a self-loop never counts as returned."""
    returned = sum(1 for u, v in graph.edges() if u != v and graph.has_edge(v, u))
    return returned / graph.number_of_edges()


def garlaschelli_loffredo(graph):
    """rho = (r - a) / (1 - a), a = E / (N (N - 1)); self-loops are ignored on both sides."""
    edges = [(u, v) for u, v in graph.edges() if u != v]
    returned = sum(1 for u, v in edges if graph.has_edge(v, u))
    r = returned / len(edges)
    n = graph.number_of_nodes()
    density = len(edges) / (n * (n - 1))
    return (r - density) / (1 - density)


def mutual_pairs(graph):
    return sum(1 for u, v in graph.edges() if u < v and graph.has_edge(v, u))


def gini(values):
    """Mean absolute difference over all ordered pairs divided by twice the mean (numpy, O(n^2))."""
    x = np.asarray(values, dtype=float)
    if x.size == 0 or x.sum() == 0:
        return 0.0
    differences = np.abs(x[:, None] - x[None, :]).sum()
    return float(differences / (2.0 * x.size * x.size * x.mean()))


def shannon(weights):
    w = np.asarray([value for value in weights if value > 0], dtype=float)
    if w.size == 0:
        return 0.0
    p = w / w.sum()
    return float(-(p * np.log(p)).sum())


def reach(undirected, node):
    lengths = nx.single_source_shortest_path_length(undirected, node, cutoff=2)
    return len(lengths) - 1


def character(graph, node):
    """Share of the node's positive out-ties that are returned (a self-loop is not); None without ties."""
    out = [target for target in graph.successors(node) if graph[node][target]["weight"] > 0]
    if not out:
        return None
    returned = sum(1 for target in out
                   if target != node and graph.has_edge(target, node) and graph[target][node]["weight"] > 0)
    return returned / len(out)


def ranked(scores):
    """Nodes by descending score, ties by ascending node id (the engine's rule)."""
    return sorted(scores, key=lambda node: (-scores[node], node))


def main():
    os.makedirs(EXPECTED, exist_ok=True)
    figures = []

    def figure(name, value):
        figures.append((name, value))

    # ---------------------------------------------------------------- Bitcoin OTC
    rows = read_bitcoin_rows()
    everything, positive = bitcoin_graphs(rows)
    figure("bitcoinotc.nodes", everything.number_of_nodes())
    figure("bitcoinotc.edges", everything.number_of_edges())
    figure("bitcoinotc.positive_edges", positive.number_of_edges())
    figure("bitcoinotc.reciprocity_all_edges", edgewise_reciprocity(everything))
    figure("bitcoinotc.networkx_overall_reciprocity_all_edges", nx.overall_reciprocity(everything))
    figure("bitcoinotc.mutual_pairs_all_edges", mutual_pairs(everything))
    figure("bitcoinotc.garlaschelli_loffredo_all_edges", garlaschelli_loffredo(everything))
    figure("bitcoinotc.reciprocity_positive", edgewise_reciprocity(positive))
    figure("bitcoinotc.mutual_pairs_positive", mutual_pairs(positive))
    figure("bitcoinotc.garlaschelli_loffredo_positive", garlaschelli_loffredo(positive))
    figure("bitcoinotc.dangling_nodes_positive", sum(1 for n in positive if positive.out_degree(n) == 0))

    uniform = pagerank(positive)
    write_vector("bitcoinotc_pagerank_uniform.csv", uniform, "member_id")
    order = ranked(uniform)
    figure("bitcoinotc.gini_of_uniform_pagerank", gini([uniform[n] for n in order]))
    in_weight = [positive.in_degree(n, weight="weight") for n in sorted(positive)]
    figure("bitcoinotc.gini_of_positive_in_weight", gini(in_weight))

    # The three most influential members under uniform teleport become the pre-trusted seeds.
    seeds = order[:3]
    figure("bitcoinotc.seeds", " ".join(str(s) for s in seeds))
    write_vector("bitcoinotc_pagerank_pretrusted.csv", pagerank(positive, {s: 1.0 for s in seeds}), "member_id")
    single = seeds[0]
    figure("bitcoinotc.single_seed", single)
    write_vector("bitcoinotc_pagerank_single_seed.csv", pagerank(positive, {single: 1.0}), "member_id")

    # Explanation of the fourth-ranked member under uniform teleport: contribution of each source
    # j is (1 - alpha_engine) * t_j * c_ji = DAMPING * t_j * w_ji / out_weight_j.
    explained = order[3]
    figure("bitcoinotc.explained_member", explained)
    dangling_mass = sum(uniform[n] for n in positive if positive.out_degree(n) == 0)
    n_nodes = positive.number_of_nodes()
    contributions = {}
    for source in positive.predecessors(explained):
        share = positive[source][explained]["weight"] / positive.out_degree(source, weight="weight")
        contributions[source] = DAMPING * uniform[source] * share
    figure("bitcoinotc.explained_source_count", len(contributions))
    figure("bitcoinotc.explained_from_sources", math.fsum(contributions.values()))
    figure("bitcoinotc.explained_from_dangling", DAMPING * dangling_mass / n_nodes)
    figure("bitcoinotc.explained_from_teleport", (1 - DAMPING) / n_nodes)
    with open(os.path.join(EXPECTED, "bitcoinotc_explanation_top_sources.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["rank", "member_id", "contribution"])
        for position, source in enumerate(ranked(contributions)[:10], start=1):
            writer.writerow([position, source, repr(contributions[source])])

    # Shannon diversity of where each sampled member's positive trust goes, plus reach and character.
    rng = np.random.default_rng(SAMPLE_SEED)
    nodes = sorted(positive)
    sample = sorted(int(n) for n in rng.choice(nodes, size=SAMPLE_SIZE, replace=False))
    sample += [s for s in seeds if s not in sample]
    undirected = positive.to_undirected(as_view=False)
    with open(os.path.join(EXPECTED, "bitcoinotc_node_metrics.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["member_id", "reach", "character", "out_weight_shannon"])
        for node in sorted(sample):
            char = character(positive, node)
            out_weights = [positive[node][t]["weight"] for t in positive.successors(node)]
            writer.writerow([node, reach(undirected, node), "" if char is None else repr(char), repr(shannon(out_weights))])

    # ---------------------------------------------------------------- Sybil ring
    # 200 fake members who all trust each other at weight 10, reached through one honest member
    # of middling influence (the median-ranked member among those with positive out-trust), who
    # trusts one fake member at weight 1.
    with_out_trust = [n for n in order if positive.out_degree(n) > 0]
    honest = with_out_trust[len(with_out_trust) // 2]
    figure("sybil.honest_member", honest)
    first_fake = max(nodes) + 1
    fakes = list(range(first_fake, first_fake + SYBIL_RING_SIZE))
    attacked = positive.copy()
    attacked.add_nodes_from(fakes)
    for u in fakes:
        for v in fakes:
            if u != v:
                attacked.add_edge(u, v, weight=SYBIL_RING_WEIGHT)
    attacked.add_edge(honest, fakes[0], weight=SYBIL_BRIDGE_WEIGHT)
    figure("sybil.first_fake_member_id", first_fake)
    figure("sybil.ring_size", SYBIL_RING_SIZE)
    attacked_uniform = pagerank(attacked)
    attacked_seeded = pagerank(attacked, {s: 1.0 for s in seeds})
    figure("sybil.ring_influence_uniform", math.fsum(attacked_uniform[f] for f in fakes))
    figure("sybil.ring_influence_pretrusted", math.fsum(attacked_seeded[f] for f in fakes))

    # ---------------------------------------------------------------- Karate club
    karate = nx.read_gml(os.path.join(REFERENCE, "karate.gml"), label="id")
    karate_directed = nx.DiGraph()
    karate_directed.add_nodes_from(node - 1 for node in karate.nodes())
    for u, v in karate.edges():
        karate_directed.add_edge(u - 1, v - 1, weight=1.0)
        karate_directed.add_edge(v - 1, u - 1, weight=1.0)
    figure("karate.nodes", karate_directed.number_of_nodes())
    figure("karate.undirected_edges", karate.number_of_edges())
    write_vector("karate_pagerank_uniform.csv", pagerank(karate_directed))
    write_vector("karate_pagerank_single_node_0.csv", pagerank(karate_directed, {0: 1.0}))
    write_vector("karate_pagerank_pretrusted_0_33.csv", pagerank(karate_directed, {0: 1.0, 33: 1.0}))
    with open(os.path.join(EXPECTED, "karate_node_metrics.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["node", "reach", "character", "degree"])
        for node in sorted(karate_directed):
            writer.writerow([node, reach(karate_directed.to_undirected(), node),
                             repr(character(karate_directed, node)), karate_directed.out_degree(node)])
    figure("karate.reciprocity", edgewise_reciprocity(karate_directed))
    figure("karate.garlaschelli_loffredo", garlaschelli_loffredo(karate_directed))
    degrees = [karate_directed.out_degree(n) for n in sorted(karate_directed)]
    figure("karate.gini_of_degree", gini(degrees))
    figure("karate.shannon_of_degree", shannon(degrees))

    # ---------------------------------------------------------------- LDBC directed example
    ldbc = nx.DiGraph()
    with open(os.path.join(REFERENCE, "ldbc-directed-example.mtx")) as handle:
        lines = [line.split() for line in handle if not line.startswith("%")]
    n_rows, _n_columns, n_entries = (int(value) for value in lines[0])
    ldbc.add_nodes_from(range(n_rows))
    for source, target, weight in lines[1:]:
        ldbc.add_edge(int(source) - 1, int(target) - 1, weight=float(weight))
    assert ldbc.number_of_edges() == n_entries
    ldbc_unweighted = nx.DiGraph()
    ldbc_unweighted.add_nodes_from(ldbc.nodes())
    ldbc_unweighted.add_edges_from(ldbc.edges(), weight=1.0)
    write_vector("ldbc_pagerank_weighted.csv", pagerank(ldbc))
    write_vector("ldbc_pagerank_unweighted.csv", pagerank(ldbc_unweighted))
    figure("ldbc.reciprocity", edgewise_reciprocity(ldbc))
    figure("ldbc.garlaschelli_loffredo", garlaschelli_loffredo(ldbc))
    figure("ldbc.mutual_pairs", mutual_pairs(ldbc))

    # ---------------------------------------------------------------- Small hand-checkable vectors
    figure("gini.example_1_2_3_4_10", gini([1, 2, 3, 4, 10]))
    figure("gini.example_equal", gini([5, 5, 5, 5]))
    figure("gini.example_one_holder", gini([0, 0, 0, 7]))
    figure("shannon.example_1_1_2_4", shannon([1, 1, 2, 4]))
    figure("shannon.example_uniform_8", shannon([3] * 8))

    with open(os.path.join(EXPECTED, "figures.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "value"])
        for name, value in figures:
            writer.writerow([name, repr(value) if isinstance(value, float) else value])

    print(f"networkx {nx.__version__}, numpy {np.__version__}: wrote {len(figures)} figures to {os.path.relpath(EXPECTED)}",
          file=sys.stderr)
    for name, value in figures:
        print(f"  {name} = {value}", file=sys.stderr)


if __name__ == "__main__":
    main()
