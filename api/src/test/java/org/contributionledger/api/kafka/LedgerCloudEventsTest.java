package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.axonframework.serialization.Revision;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

class LedgerCloudEventsTest {

    /** Every event must name its community, or the publisher could not key it and would stop at it. */
    @Test
    void everyEventOfTheLedgerNamesItsCommunity() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        List<Class<?>> events = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.contributionledger.core")) {
            events.add(Class.forName(candidate.getBeanClassName()));
        }
        assertThat(events).hasSizeGreaterThan(10);
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as(event.getName()).isTrue();
            assertThat(event.getRecordComponents()).as(event.getName())
                    .anyMatch(component -> component.getName().equals("communityId")
                            && component.getType() == String.class);
        }
    }

    @Test
    void theTypeNamesTheEventAndItsRevision() {
        assertThat(LedgerCloudEvents.type(ContributionRecorded.class))
                .isEqualTo("org.contributionledger.ContributionRecorded.v1");
    }

    @Test
    void theSourceIsAUriReferenceEvenForIdsThatLookLikeAScheme() {
        assertThat(LedgerCloudEvents.source("1:x").toString()).isEqualTo("/communities/1:x");
        assertThat(LedgerCloudEvents.source("a@b+c").isAbsolute()).isFalse();
    }

    @Test
    void aPayloadWithoutCommunityIsRefused() {
        record Stray(String id) {
        }
        assertThatThrownBy(() -> LedgerCloudEvents.communityOf(new Stray("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no community");
    }
}
