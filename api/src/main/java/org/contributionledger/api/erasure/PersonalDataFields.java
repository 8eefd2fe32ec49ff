package org.contributionledger.api.erasure;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.contributionledger.core.common.PersonalData;
import org.contributionledger.query.erasure.MemberDataKeys;
import org.contributionledger.query.erasure.PersonalDataCipher;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Makes a mapper store the {@link PersonalData} fields of events encrypted under their owner's
 * data key, and read them back in plain, or as null once the key is destroyed (docs/audit.md,
 * "Erasure"). Only the event serializer's mapper gets this: HTTP answers, Kafka commands and the
 * application's other JSON are written with mappers that never see a key.
 */
public final class PersonalDataFields {

    private PersonalDataFields() {
    }

    /** {@code mapper}, changed to encrypt and decrypt personal fields; the mapper's own annotation handling stays second. */
    public static ObjectMapper encryptedIn(ObjectMapper mapper, MemberDataKeys keys) {
        AnnotationIntrospector existing = mapper.getSerializationConfig().getAnnotationIntrospector();
        return mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(new Introspector(keys), existing));
    }

    /** Finds the marked fields: Java copies a record component's annotation to its accessor and constructor parameter. */
    private static final class Introspector extends NopAnnotationIntrospector {

        private final transient MemberDataKeys keys;

        Introspector(MemberDataKeys keys) {
            this.keys = keys;
        }

        @Override
        public Object findSerializer(Annotated member) {
            PersonalData marked = member.getAnnotation(PersonalData.class);
            return marked == null ? null : new Encrypting(keys, marked.owner());
        }

        @Override
        public Object findDeserializer(Annotated member) {
            return member.hasAnnotation(PersonalData.class) ? new Decrypting(keys) : null;
        }

        @Override
        public Version version() {
            return Version.unknownVersion();
        }
    }

    private static final class Encrypting extends StdSerializer<String> {

        private final transient MemberDataKeys keys;
        private final String owner;
        private final transient Map<Class<?>, Method[]> accessors = new ConcurrentHashMap<>();

        Encrypting(MemberDataKeys keys, String owner) {
            super(String.class);
            this.keys = keys;
            this.owner = owner;
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            // The record being written: it names the field's community and owning member.
            Object event = generator.currentValue();
            Method[] methods = accessors.computeIfAbsent(event.getClass(), this::accessorsOf);
            String communityId = (String) invoke(methods[0], event);
            String memberId = (String) invoke(methods[1], event);
            if (communityId == null || memberId == null) {
                throw new IllegalStateException(event.getClass().getSimpleName() + " names no owner in '" + owner
                        + "' for a personal field");
            }
            generator.writeString(PersonalDataCipher.encrypt(keys.keyFor(communityId, memberId), value));
        }

        private Method[] accessorsOf(Class<?> type) {
            try {
                return new Method[] {type.getMethod("communityId"), type.getMethod(owner)};
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getSimpleName() + " has a @PersonalData field whose owner '"
                        + owner + "' (or communityId) it does not name", e);
            }
        }

        private static Object invoke(Method method, Object event) {
            try {
                return method.invoke(event);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + method.getName() + " of " + event.getClass(), e);
            }
        }
    }

    private static final class Decrypting extends StdDeserializer<String> {

        private final transient MemberDataKeys keys;

        Decrypting(MemberDataKeys keys) {
            super(String.class);
            this.keys = keys;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String stored = parser.getText();
            if (!PersonalDataCipher.isEncrypted(stored)) {
                // Stored before personal fields were encrypted: it reads as it was written (docs/audit.md, "Erasure").
                return stored;
            }
            return keys.find(PersonalDataCipher.keyIdOf(stored))
                    .map(key -> PersonalDataCipher.decrypt(key, stored))
                    .orElse(null);
        }
    }
}
