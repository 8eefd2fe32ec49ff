package org.contributionledger.core.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of an event as personal data of one member: the application stores it
 * encrypted under that member's data key, and erasing the member destroys the key, so that the
 * field becomes unreadable while the stored event (and the hash chain over it) stays as it was
 * (docs/audit.md, "Erasure"). Aggregates and projections see the plain value; only the stored
 * form is encrypted, so nothing here needs a key or randomness.
 *
 * <p>{@link #owner()} names the record component holding the id of the member whose data it is:
 * the member who wrote the text, or whom it describes. The event's {@code communityId} component
 * gives the community.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** The name of the record component (or no-argument method) that returns the owning member's id. */
    String owner();
}
