package org.contributionledger.api.kafka;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.contributionledger.api.Provenance;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * How one stored event looks on {@code ledger.events}: a CloudEvent 1.0 whose {@code id} is the
 * event's identifier (consumers deduplicate by it: publication is at least once), whose
 * {@code source} names the community and whose {@code data} is the event as JSON, exactly as the
 * event store holds it.
 */
public final class LedgerCloudEvents {

    public static final String TYPE_PREFIX = "org.contributionledger.";
    /** The event's position in the ledger's global order (decimal text: it may exceed a CloudEvents integer). */
    public static final String POSITION = "position";
    /** The provenance of the request that caused the event (see {@link Provenance}). */
    public static final String KEY_ID = "keyid";
    public static final String REQUEST_ID = "requestid";
    public static final String RECEIVED_AT = "receivedat";

    private LedgerCloudEvents() {
    }

    /**
     * @param event    the stored event
     * @param position its global position, when the stream knows it
     * @param json     its payload as JSON
     */
    public static CloudEvent of(EventMessage<?> event, OptionalLong position, byte[] json) {
        Object payload = event.getPayload();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(source(communityOf(payload)))
                .withType(type(payload.getClass()))
                .withTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json);
        position.ifPresent(value -> builder.withExtension(POSITION, Long.toString(value)));
        extension(builder, KEY_ID, event.getMetaData().get(Provenance.KEY_ID));
        extension(builder, REQUEST_ID, event.getMetaData().get(Provenance.REQUEST_ID));
        extension(builder, RECEIVED_AT, event.getMetaData().get(Provenance.RECEIVED_AT));
        return builder.build();
    }

    /** {@code org.contributionledger.ContributionRecorded.v1}: the event's name and its {@link Revision}. */
    public static String type(Class<?> payloadType) {
        Revision revision = payloadType.getAnnotation(Revision.class);
        return TYPE_PREFIX + payloadType.getSimpleName() + ".v" + (revision == null ? "0" : revision.value());
    }

    /**
     * {@code /communities/<id>}, the community's path in the HTTP API. A bare id is not always a URI
     * reference: ids may hold ':' (see core.common.Ids), which would read as a URI scheme.
     */
    public static URI source(String communityId) {
        return URI.create("/communities/" + communityId);
    }

    /**
     * Every event of the ledger names its community in a {@code communityId} component; the
     * partition key comes from it, so one community's events stay in order on one partition.
     */
    public static String communityOf(Object payload) {
        Class<?> type = payload.getClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("communityId")) {
                    try {
                        return (String) component.getAccessor().invoke(payload);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read the community of " + type.getName(), e);
                    }
                }
            }
        }
        throw new IllegalStateException(type.getName() + " names no community: it cannot be keyed on the events topic");
    }

    private static void extension(CloudEventBuilder builder, String name, Object value) {
        if (value != null) {
            builder.withExtension(name, value.toString());
        }
    }
}
