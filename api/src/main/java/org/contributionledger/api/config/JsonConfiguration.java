package org.contributionledger.api.config;

import java.io.IOException;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Request bodies are read strictly: a request means exactly one thing, or it is refused with a
 * problem naming the field (see ProblemHandler). Lenient reading stored something other than what
 * the client believed it sent: {@code "value":1,"value":999} stored 999, {@code "status":"CONFIRMED"}
 * was silently ignored, {@code "level":"5"} and {@code "id":42} were quietly converted.
 *
 * <p>Only the HTTP converter reads strictly. Spring's own ObjectMapper stays as Spring Boot builds
 * it, because Axon serializes events with it: stored events must keep reading back whatever this
 * API accepts or refuses in the future.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /**
     * Replaces Spring Boot's converter (which backs off when one is defined) with a strict one that
     * writes every field of an answer, null ones as {@code null}: a field the documentation says may
     * be null is then always there, and a client can tell "null" from "not part of this answer".
     * (Spring's own mapper, which stores events, keeps leaving nulls out: see application.yml.)
     */
    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper objectMapper) {
        ObjectMapper answers = strict(objectMapper.copy());
        answers.setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
        return new MappingJackson2HttpMessageConverter(answers);
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // Each JSON type reads only as itself: no "5" as 5, no 5 as "5", no 1 as true, no "" as null.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.Enum, LogicalType.DateTime}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
                            || type == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        // Jackson reads a bare number as epoch seconds; the API documents instants as ISO-8601 text only.
        mapper.registerModule(new SimpleModule("instants-as-text").addDeserializer(Instant.class, new InstantFromText()));
        return mapper;
    }

    /** An {@link Instant} from ISO-8601 text only, e.g. {@code "2024-01-01T00:00:00Z"}. */
    private static final class InstantFromText extends StdScalarDeserializer<Instant> {

        InstantFromText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
