package org.contributionledger.api.erasure;

import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.contributionledger.query.erasure.MemberDataKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Axon's event serializer as its auto-configuration would build it (Jackson, Spring's mapper), on a
 * copy of that mapper that stores personal fields encrypted (docs/audit.md, "Erasure"). The copy is
 * not a bean, so nothing else picks it up by type. The event store, the hash chain and the Kafka
 * publisher all use this serializer, so each of them holds the ciphertext only.
 */
@Configuration(proxyBeanMethods = false)
public class ErasureConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver, MemberDataKeys keys) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .objectMapper(PersonalDataFields.encryptedIn(objectMapper.copy(), keys))
                .build();
    }
}
