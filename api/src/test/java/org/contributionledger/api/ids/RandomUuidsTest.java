package org.contributionledger.api.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

    @Test
    void axonMakesItsMessageIdentifiersWithIt() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomUuids.class);
        String identifier = GenericEventMessage.asEventMessage("payload").getIdentifier();
        assertThat(UUID.fromString(identifier).version()).isEqualTo(4);
    }

    @Test
    void makesVersion4UuidsThatNeverRepeatAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UUID>>> drawn = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                drawn.add(pool.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < 50_000; i++) {
                        ids.add(RandomUuids.next());
                    }
                    return ids;
                }));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> ids : drawn) {
                for (UUID id : ids.get(30, TimeUnit.SECONDS)) {
                    assertThat(id.version()).isEqualTo(4);
                    assertThat(id.variant()).isEqualTo(2);
                    all.add(id);
                }
            }
            assertThat(all).hasSize(200_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
