package org.contributionledger.core.contribution;

import java.math.BigDecimal;
import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.common.PersonalData;

/**
 * An act was recorded. {@code status} is {@code CONFIRMED} when the receiver recorded it (or the
 * community needs no confirmation), {@code PENDING} otherwise.
 */
@Revision("1")
public record ContributionRecorded(String communityId, String contributionId, String giver, String receiver,
                                   String category, BigDecimal value, Instant occurredAt, @PersonalData(owner = "recorder") String description,
                                   @PersonalData(owner = "recorder") String evidenceUrl, RecordedBy recordedBy, ContributionStatus status) {

    /**
     * The member whose data the description and evidence URL are: the one who recorded the act; for
     * an act a platform recorded, the giver, whose activity on the platform they describe.
     */
    public String recorder() {
        return recordedBy == RecordedBy.RECEIVER ? receiver : giver;
    }
}
