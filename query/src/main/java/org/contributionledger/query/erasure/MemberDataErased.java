package org.contributionledger.query.erasure;

/**
 * Personal data of an erased member was about to be stored. The aggregates refuse every command of
 * an erased member first ({@code MemberWasErased}), so this is a safety net, not a rule a caller meets.
 */
public class MemberDataErased extends IllegalStateException {

    public MemberDataErased(String communityId, String memberId) {
        super("Member '" + memberId + "' of community '" + communityId + "' was erased: their data is not stored again");
    }
}
