#!/usr/bin/env python3
"""Computes the reference figures that the sphere engine's tests compare against.

The figures come from networkx 2.8.8 and python-igraph 0.10.2 (Debian python3-networkx, python3-igraph), which are
independent of the Java engine. The script reads only data files copied into
query/src/test/resources/reference/ and writes its results into this folder, next to itself. The
script and its outputs are committed, so the Java tests never run Python. To regenerate, from anywhere:

    /usr/bin/python3 query/src/test/resources/reference/spheres/make_spheres_reference.py

The weighted graphs are the ones the ledger builds (see SphereReferenceData.java): every directed
edge i -> j of weight w adds w to the undirected tie {i, j}, so a pair rated both ways weighs
w_ij + w_ji; self-loops are dropped; every node stays, isolated or not.
  * karate: Zachary's karate club (karate.gml, ids 1..34 written 0..33), each friendship a tie both
    ways of weight 1 (as mutual trust), so every tie weighs 2;
  * email: SNAP email-Eu-core (email-Eu-core.txt, nodes 0..1004), each e-mail edge weight 1;
  * bitcoinotc: SNAP Bitcoin OTC (soc-sign-bitcoinotc.csv), positive ratings only, weighted by the
    rating (the ledger's trust weight 1 times the level), members numbered 0..5880 in ascending id
    order.
The contact graph for betweenness is the same graph without weights.

Outputs (floats written with repr, so they round-trip exactly):
  * modularity.csv: graph, method (networkx_louvain | igraph_leiden), seed 0..9, modularity,
    communities;
  * <graph>_louvain_seed0.csv: node, community of networkx louvain_communities with seed 0, and the
    participation coefficient of each node for that partition; figures.csv holds its modularity
    (networkx.community.modularity);
  * <graph>_betweenness.csv (karate, email): networkx betweenness_centrality of the contact graph;
  * sbm_edges.csv, sbm_blocks.csv: a planted partition, networkx stochastic_block_model with 5
    blocks of 40, p_in 0.3, p_out 0.01 and seed SBM_SEED;
  * ari_pair.csv: two partitions of 200 nodes; figures.csv holds their adjusted Rand index.
"""

import csv
import os
import random

import igraph as ig
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.normpath(os.path.join(HERE, ".."))

SEEDS = range(10)
SBM_SEED = 20261127
SBM_SIZES = [40, 40, 40, 40, 40]
SBM_P_IN = 0.3
SBM_P_OUT = 0.01
ARI_SEED = 7


def symmetrised(node_count, directed_edges):
    """networkx Graph with w_ij + w_ji per pair, self-loops dropped, every node kept."""
    graph = nx.Graph()
    graph.add_nodes_from(range(node_count))
    for u, v, w in directed_edges:
        if u == v or w == 0:
            continue
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += w
        else:
            graph.add_edge(u, v, weight=w)
    return graph


def karate():
    gml = nx.read_gml(os.path.join(REFERENCE, "karate.gml"), label="id")
    edges = []
    for u, v in gml.edges():
        edges.append((u - 1, v - 1, 1.0))
        edges.append((v - 1, u - 1, 1.0))
    return symmetrised(34, edges)


def email():
    edges = []
    with open(os.path.join(REFERENCE, "email-Eu-core.txt")) as handle:
        for line in handle:
            if line.strip():
                u, v = line.split()
                edges.append((int(u), int(v), 1.0))
    return symmetrised(1005, edges)


def bitcoinotc():
    rows = []
    with open(os.path.join(REFERENCE, "soc-sign-bitcoinotc.csv")) as handle:
        for line in handle:
            if line.strip():
                source, target, rating, _ = line.strip().split(",")
                rows.append((int(source), int(target), float(rating)))
    ids = sorted({row[0] for row in rows} | {row[1] for row in rows})
    index = {member: node for node, member in enumerate(ids)}
    edges = [(index[s], index[t], r) for s, t, r in rows if r > 0]
    return symmetrised(len(ids), edges)


def to_igraph(graph):
    g = ig.Graph(n=graph.number_of_nodes(), edges=[(u, v) for u, v in graph.edges()])
    g.es["weight"] = [data["weight"] for _, _, data in graph.edges(data=True)]
    return g


def membership_of(communities, node_count):
    membership = [None] * node_count
    for index, community in enumerate(communities):
        for node in community:
            membership[node] = index
    return membership


def participation(graph, membership):
    values = []
    for node in range(graph.number_of_nodes()):
        strength = sum(data["weight"] for _, _, data in graph.edges(node, data=True))
        if strength == 0:
            values.append(0.0)
            continue
        by_community = {}
        for _, other, data in graph.edges(node, data=True):
            by_community[membership[other]] = by_community.get(membership[other], 0.0) + data["weight"]
        values.append(1.0 - sum((weight / strength) ** 2 for weight in by_community.values()))
    return values


def adjusted_rand_index(a, b):
    """Hubert and Arabie's ARI from the contingency table, written out here (no scikit-learn)."""
    def pairs(count):
        return count * (count - 1) / 2

    table = {}
    for x, y in zip(a, b):
        table[(x, y)] = table.get((x, y), 0) + 1
    rows = {}
    columns = {}
    for (x, y), count in table.items():
        rows[x] = rows.get(x, 0) + count
        columns[y] = columns.get(y, 0) + count
    index = sum(pairs(count) for count in table.values())
    row_pairs = sum(pairs(count) for count in rows.values())
    column_pairs = sum(pairs(count) for count in columns.values())
    expected = row_pairs * column_pairs / pairs(len(a))
    maximum = (row_pairs + column_pairs) / 2
    return (index - expected) / (maximum - expected)


def main():
    figures = []
    modularity_rows = []
    graphs = {"karate": karate(), "email": email(), "bitcoinotc": bitcoinotc()}
    for name, graph in graphs.items():
        figures.append((name + ".nodes", graph.number_of_nodes()))
        figures.append((name + ".ties", graph.number_of_edges()))
        figures.append((name + ".total_weight", repr(float(graph.size(weight="weight")))))
        for seed in SEEDS:
            communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
            modularity = nx.community.modularity(graph, communities, weight="weight")
            modularity_rows.append((name, "networkx_louvain", seed, repr(modularity), len(communities)))
            if seed == 0:
                membership = membership_of(communities, graph.number_of_nodes())
                figures.append((name + ".louvain_seed0_modularity", repr(modularity)))
                with open(os.path.join(HERE, name + "_louvain_seed0.csv"), "w", newline="") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(["node", "community", "participation"])
                    for node, value in enumerate(participation(graph, membership)):
                        writer.writerow([node, membership[node], repr(value)])
        g = to_igraph(graph)
        for seed in SEEDS:
            random.seed(seed)
            clustering = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
            modularity = g.modularity(clustering.membership, weights="weight")
            modularity_rows.append((name, "igraph_leiden", seed, repr(modularity), len(clustering)))
        if name != "bitcoinotc":
            contacts = nx.Graph(graph.edges())
            contacts.add_nodes_from(graph.nodes())
            betweenness = nx.betweenness_centrality(contacts)
            with open(os.path.join(HERE, name + "_betweenness.csv"), "w", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(["node", "betweenness"])
                for node in sorted(betweenness):
                    writer.writerow([node, repr(betweenness[node])])

    with open(os.path.join(HERE, "modularity.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["graph", "method", "seed", "modularity", "communities"])
        writer.writerows(modularity_rows)

    probabilities = [[SBM_P_IN if i == j else SBM_P_OUT for j in range(len(SBM_SIZES))] for i in range(len(SBM_SIZES))]
    sbm = nx.stochastic_block_model(SBM_SIZES, probabilities, seed=SBM_SEED)
    with open(os.path.join(HERE, "sbm_edges.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["from", "to"])
        writer.writerows(sorted(sbm.edges()))
    blocks = [sbm.nodes[node]["block"] for node in range(sbm.number_of_nodes())]
    with open(os.path.join(HERE, "sbm_blocks.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["node", "block"])
        writer.writerows(enumerate(blocks))
    figures.append(("sbm.edges", sbm.number_of_edges()))

    # A pair to check the Java ARI against: the planted blocks, and the same blocks with a fifth of the
    # nodes moved to a random block.
    shuffle = random.Random(ARI_SEED)
    moved = list(blocks)
    for node in shuffle.sample(range(len(blocks)), len(blocks) // 5):
        moved[node] = shuffle.randrange(len(SBM_SIZES))
    with open(os.path.join(HERE, "ari_pair.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["node", "a", "b"])
        for node in range(len(blocks)):
            writer.writerow([node, blocks[node], moved[node]])
    figures.append(("ari_pair.adjusted_rand_index", repr(adjusted_rand_index(blocks, moved))))

    figures.append(("versions", "networkx " + nx.__version__ + " igraph " + ig.__version__))
    with open(os.path.join(HERE, "figures.csv"), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "value"])
        writer.writerows(figures)
    print("networkx", nx.__version__, "igraph", ig.__version__)


if __name__ == "__main__":
    main()
