package org.contributionledger.query.reputation.spheres;

/**
 * One sphere of influence: a community of the Leiden partition.
 *
 * @param number         1 for the largest sphere, then by size (a tie goes to the sphere whose
 *                       first member, in the order given to {@link Spheres#of}, comes first)
 * @param members        its members' nodes, most influential within the sphere first
 * @param density        ties among its members in the contact graph over {@code size (size - 1) / 2};
 *                       0 for a sphere of one
 * @param influenceShare the sum of its members' influence in the whole community, a share of 1
 */
public record Sphere(int number, int[] members, double density, double influenceShare) {

    public int size() {
        return members.length;
    }
}
