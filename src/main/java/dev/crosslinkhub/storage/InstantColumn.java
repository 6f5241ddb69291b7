package dev.crosslinkhub.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Stores every {@link Instant} as nanoseconds since the epoch. JPA 3.1 has no mapping of its own
 * for {@code Instant} (EclipseLink would serialize it), and a timestamp column would round away
 * the nanoseconds crosslink's timestamps may carry; a number compares and sorts the same on H2
 * and PostgreSQL.
 */
@Converter(autoApply = true)
public class InstantColumn implements AttributeConverter<Instant, Long> {

    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public Instant convertToEntityAttribute(Long nanos) {
        return nanos == null ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
