"""Reads a network export with networkx, as an analyst would, and prints what it read as JSON.

Usage: python3 read_network.py FILE gexf|graphml
Prints {"nodes": {id: attributes}, "edges": [[source, target, attributes], ...]}.
"""
import json
import sys

import networkx as nx

path, form = sys.argv[1], sys.argv[2]
graph = nx.read_gexf(path) if form == "gexf" else nx.read_graphml(path)
print(json.dumps({
    "directed": graph.is_directed(),
    "nodes": {node: data for node, data in graph.nodes(data=True)},
    "edges": [[source, target, data] for source, target, data in graph.edges(data=True)],
}))
