#!/usr/bin/env python3
"""Computes the reference answers that MemberNetworkReferenceTest compares the ledger's "my network"
(GET .../members/{m}/network, docs/reputation.md "My network") against, on Bitcoin OTC.

The figures come from networkx 2.8.8 (Debian python3-networkx), independent of the Java engine. The
script reads ../soc-sign-bitcoinotc.csv and writes otc_network.json next to itself; both are
committed, so the Java tests never run Python. To regenerate, from anywhere:

    /usr/bin/python3 query/src/test/resources/reference/network/make_network_reference.py

The network is the one the ledger builds when each row is fed as a trust declaration of its rating
for every category (as `./ledger import --format signed` does), with the default settings:
  * every node id of the file is a member, named by its id as text ("35"); ties between members are
    broken by that text, as the ledger compares member ids;
  * positive trust: an edge source -> target of weight rating for every rating above 0 (trust
    weight 1); a negative rating is distrust received by the target, and no tie;
  * contacts of m: the members with positive trust to or from m (there are no acts);
  * influence: networkx.pagerank of the positive trust graph, alpha = 0.85 (the ledger's alpha 0.15
    is the teleport share), uniform teleport, dangling members' share spread uniformly;
  * personalized influence from m: the same with personalization = dangling = nstart = {m: 1}, so
    that a member m's trust never reaches scores exactly 0, as the ledger's solver (which starts
    from p) gives; tol 1e-15, so every vector is converged to an L1 change below 6e-12.

Figures per member (see docs/reputation.md for the definitions):
  * contacts, most influential first, then by id, with their kinds and influence;
  * quality: mean and median of the contacts' influence, their share of all influence, and the
    percentile of that share among all members, 100 * (members whose share is lower) / (members - 1).
    Shares within 1e-9 of the member's cannot be told apart from the ledger's by floating point
    (the engines agree to about 1e-9), so the script writes the lowest and highest percentile the
    ledger may answer: counting only the members below share - 1e-9, and all below share + 1e-9;
  * character: trusts given and received, their summed levels, the share of trust returned,
    distrust received, and who is trusted without trust back (each way);
  * whoToMeet: the members two hops away over the contacts who are not contacts, ranked by
    personalized influence from m, then by id, the first 30 (the ledger answers 20; the extra ones
    tell the test whether the 20th is tied with the next), each with its introducers: m's contacts
    tied to it, by mutual trust (the lower of m -> c and c -> m, 0 when either is missing), then c's
    trust in it, then by id.

The members, chosen by rule (each rule skips members already chosen):
  * top: the most influential member;
  * median: the member at the middle rank of influence among members with at least one contact;
  * low-degree: the most influential member with exactly two contacts;
  * unreciprocated: the member who trusts the most members who do not trust them back;
  * distrusted: the member with contacts who received the most distrust.
"""

import json
import os
import statistics

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "soc-sign-bitcoinotc.csv"))
OUTPUT = os.path.join(HERE, "otc_network.json")

DAMPING = 0.85
TOLERANCE = 1e-15
MAX_ITERATIONS = 100000
SHARE_WINDOW = 1e-9
WHO_TO_MEET_WRITTEN = 30


def read_rows():
    rows = []
    with open(DATA) as handle:
        for line in handle:
            if line.strip():
                source, target, rating, _time = line.strip().split(",")
                rows.append((source, target, int(rating)))
    return rows


def main():
    rows = read_rows()
    assert all(source != target for source, target, _ in rows), "a member rating themself"
    assert len({(s, t) for s, t, _ in rows}) == len(rows), "one rating per ordered pair"
    members = sorted({s for s, _, _ in rows} | {t for _, t, _ in rows})
    positive = nx.DiGraph()
    positive.add_nodes_from(members)
    distrust = {m: 0 for m in members}
    for source, target, rating in rows:
        if rating > 0:
            positive.add_edge(source, target, weight=float(rating))
        else:
            distrust[target] += 1

    def level(a, b):
        return int(positive[a][b]["weight"]) if positive.has_edge(a, b) else 0

    contacts = {m: sorted(set(positive.successors(m)) | set(positive.predecessors(m))) for m in members}

    influence = nx.pagerank(positive, alpha=DAMPING, weight="weight", tol=TOLERANCE, max_iter=MAX_ITERATIONS)
    total = sum(influence[m] for m in members)

    def by_influence(nodes, scores):
        return sorted(nodes, key=lambda n: (-scores[n], n))

    share = {m: sum(influence[c] for c in contacts[m]) / total for m in members}

    # ---- the members, by rule
    chosen = []

    def choose(rule, candidates):
        for member in candidates:
            if member not in [c for c, _ in chosen]:
                chosen.append((member, rule))
                return
        raise AssertionError("no member for rule " + rule)

    ranked = by_influence(members, influence)
    choose("top", ranked)
    with_contacts = [m for m in ranked if contacts[m]]
    choose("median", with_contacts[len(with_contacts) // 2:])
    choose("low-degree", [m for m in ranked if len(contacts[m]) == 2])
    unreturned = {m: sum(1 for t in positive.successors(m) if not positive.has_edge(t, m)) for m in members}
    choose("unreciprocated", sorted(members, key=lambda m: (-unreturned[m], m)))
    choose("distrusted", sorted(with_contacts, key=lambda m: (-distrust[m], m)))

    answers = []
    for member, rule in chosen:
        mine = contacts[member]
        tied = set(mine) | {member}
        scores = [influence[c] for c in mine]
        contact_list = []
        for c in by_influence(mine, influence):
            kinds = []
            if positive.has_edge(member, c):
                kinds.append("TRUSTS")
            if positive.has_edge(c, member):
                kinds.append("TRUSTED_BY")
            contact_list.append({"member": c, "kinds": kinds, "influence": influence[c]})

        mine_share = share[member]
        low = sum(1 for m in members if share[m] < mine_share - SHARE_WINDOW)
        high = sum(1 for m in members if share[m] < mine_share + SHARE_WINDOW)
        quality = {
            "meanInfluence": statistics.fmean(scores) if scores else None,
            "medianInfluence": statistics.median(scores) if scores else None,
            "influenceShare": mine_share,
            "percentileLow": 100.0 * low / (len(members) - 1),
            "percentileHigh": 100.0 * high / (len(members) - 1),
        }

        trusted = sorted(positive.successors(member))
        trusters = sorted(positive.predecessors(member))
        character = {
            "trustsGiven": len(trusted),
            "trustedBy": len(trusters),
            "reciprocatedTrust": (sum(1 for t in trusted if positive.has_edge(t, member)) / len(trusted))
            if trusted else None,
            "trustWeightGiven": sum(level(member, t) for t in trusted),
            "trustWeightReceived": sum(level(t, member) for t in trusters),
            "distrustReceived": distrust[member],
            "trustedNotBack": by_influence([t for t in trusted if not positive.has_edge(t, member)], influence),
            "trustedByNotBack": by_influence([t for t in trusters if not positive.has_edge(member, t)], influence),
        }

        introducers = {}
        for c in mine:
            for target in contacts[c]:
                if target not in tied:
                    introducers.setdefault(target, []).append(c)
        personal = {m: 0.0 for m in members}
        if introducers:
            seed = {member: 1.0}
            personal = nx.pagerank(positive, alpha=DAMPING, weight="weight", tol=TOLERANCE, max_iter=MAX_ITERATIONS,
                                   personalization=seed, dangling=seed, nstart=seed)
        who = []
        for target in by_influence(list(introducers), personal)[:WHO_TO_MEET_WRITTEN]:
            through = sorted(introducers[target],
                             key=lambda c: (-min(level(member, c), level(c, member)), -level(c, target), c))
            who.append({
                "member": target,
                "score": personal[target],
                "introducers": [{"member": c, "mutualTrust": min(level(member, c), level(c, member)),
                                 "trustInTarget": level(c, target)} for c in through],
            })

        answers.append({"member": member, "rule": rule, "contacts": contact_list, "quality": quality,
                        "character": character, "candidates": len(introducers), "whoToMeet": who})

    document = {
        "source": "soc-sign-bitcoinotc.csv, each row a trust declaration of its rating; default settings",
        "networkx": nx.__version__,
        "memberCount": len(members),
        "members": answers,
    }
    with open(OUTPUT, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    for answer in answers:
        print(answer["rule"], answer["member"], "contacts", len(answer["contacts"]), "candidates",
              answer["candidates"], "percentile", answer["quality"]["percentileLow"], answer["quality"]["percentileHigh"])


if __name__ == "__main__":
    main()
