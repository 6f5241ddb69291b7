package dev.crosslinkhub.hub;

/**
 * The single-instance relay: delivers on the firing thread, numbering events from id blocks
 * reserved in the database, so ids keep rising across restarts.
 */
final class LocalRelay implements EventRelay {

    private final EventIds ids;
    private final String reason;
    private Delivery delivery;

    LocalRelay(EventIds ids, String reason) {
        this.ids = ids;
        this.reason = reason;
    }

    @Override
    public synchronized void start(Delivery delivery) {
        this.delivery = delivery;
    }

    /** One event at a time, so ids and the order of delivery agree. */
    @Override
    public synchronized void send(EncodedEvent event) {
        delivery.deliver(ids.allocate(), event, System.nanoTime(), true);
    }

    @Override
    public long idsBefore() {
        return ids.startedAfter();
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public String describe() {
        return "single instance (" + reason + ")";
    }

    @Override
    public void close() {
        // nothing held
    }
}
