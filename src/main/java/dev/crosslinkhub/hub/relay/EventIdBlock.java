package dev.crosslinkhub.hub.relay;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The highest event id ever reserved, so ids keep rising across restarts. */
@Entity
@Table(name = "hub_event_ids")
public class EventIdBlock {

    static final int THE_BLOCK = 1;

    @Id
    private int id = THE_BLOCK;

    @Column(name = "reserved_up_to", nullable = false)
    private long reservedUpTo;

    protected EventIdBlock() {
    }

    EventIdBlock(long reservedUpTo) {
        this.reservedUpTo = reservedUpTo;
    }

    long reservedUpTo() {
        return reservedUpTo;
    }

    long extend(long count) {
        reservedUpTo += count;
        return reservedUpTo;
    }
}
