package org.contributionledger.core.common;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.contributionledger.core.community.CommunitySettings;

/**
 * A test double of the {@link LedgerDirectory} port: the set-based facts a command handler reads,
 * kept in maps. Register it with {@code fixture.registerInjectableResource(directory)}; it is read
 * when the command is handled, so it may be arranged before the {@code given} or the {@code when}.
 */
public final class InMemoryDirectory implements LedgerDirectory {

    private final Map<String, CommunityRules> communities = new HashMap<>();
    private final Map<String, MemberStanding> members = new HashMap<>();
    private final Map<String, String> linkedMembers = new HashMap<>();

    /** A community with the default settings: the five default categories, max 1000, confirmation required. */
    public InMemoryDirectory withCommunity(String communityId) {
        return withCommunity(communityId, CommunitySettings.defaults());
    }

    /** A community as the directory projection would see it after {@code CommunityCreated} with these settings. */
    public InMemoryDirectory withCommunity(String communityId, CommunitySettings settings) {
        return withCommunity(new CommunityRules(communityId, Set.copyOf(settings.categories()),
                settings.maxValuePerAct(), settings.confirmationRequired()));
    }

    public InMemoryDirectory withCommunity(String communityId, Set<String> categories, BigDecimal maxValuePerAct,
                                           boolean confirmationRequired) {
        return withCommunity(new CommunityRules(communityId, categories, maxValuePerAct, confirmationRequired));
    }

    public InMemoryDirectory withCommunity(CommunityRules rules) {
        communities.put(rules.communityId(), rules);
        return this;
    }

    /** An active member of the community. */
    public InMemoryDirectory withMember(String communityId, String memberId) {
        members.put(key(communityId, memberId), new MemberStanding(communityId, memberId, true));
        return this;
    }

    public InMemoryDirectory withMembers(String communityId, String... memberIds) {
        for (String memberId : memberIds) {
            withMember(communityId, memberId);
        }
        return this;
    }

    public InMemoryDirectory suspend(String communityId, String memberId) {
        return standing(communityId, memberId, false);
    }

    public InMemoryDirectory reinstate(String communityId, String memberId) {
        return standing(communityId, memberId, true);
    }

    public InMemoryDirectory erase(String communityId, String memberId) {
        standing(communityId, memberId, false);
        members.put(key(communityId, memberId), new MemberStanding(communityId, memberId, false, true));
        return this;
    }

    /** The platform's user is linked to the member, as the directory projection would see it after {@code IdentityLinked}. */
    public InMemoryDirectory withLinkedIdentity(String communityId, String platform, String platformUserId,
                                                String memberId) {
        linkedMembers.put(key(communityId, platform + "/" + platformUserId), memberId);
        return this;
    }

    /** {@code mergedMemberId} merged into {@code memberId}, as the directory projection records {@code MembersMerged}. */
    public InMemoryDirectory merge(String communityId, String memberId, String mergedMemberId) {
        MemberStanding merged = members.get(key(communityId, mergedMemberId));
        if (merged == null || !members.containsKey(key(communityId, memberId))) {
            throw new IllegalStateException("register both members in " + communityId + " first");
        }
        members.put(key(communityId, mergedMemberId), new MemberStanding(communityId, mergedMemberId, merged.active(),
                merged.erased(), memberId));
        return this;
    }

    @Override
    public Optional<CommunityRules> findCommunity(String communityId) {
        return Optional.ofNullable(communities.get(communityId));
    }

    @Override
    public Optional<MemberStanding> findMember(String communityId, String memberId) {
        return Optional.ofNullable(members.get(key(communityId, memberId)));
    }

    @Override
    public Optional<String> findLinkedMember(String communityId, String platform, String platformUserId) {
        return Optional.ofNullable(linkedMembers.get(key(communityId, platform + "/" + platformUserId)));
    }

    private InMemoryDirectory standing(String communityId, String memberId, boolean active) {
        String key = key(communityId, memberId);
        if (!members.containsKey(key)) {
            throw new IllegalStateException("register " + memberId + " in " + communityId + " first");
        }
        members.put(key, new MemberStanding(communityId, memberId, active));
        return this;
    }

    private static String key(String communityId, String memberId) {
        // Ids cannot contain '/', so the key is unambiguous.
        return communityId + "/" + memberId;
    }
}
