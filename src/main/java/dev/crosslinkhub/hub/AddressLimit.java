package dev.crosslinkhub.hub;

import dev.crosslinkhub.hub.access.ClientAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open sessions per client address, for {@code hub.ws.max-connections-per-address}. The counts
 * live in one concurrent map, touched only here; an unknown address is never counted.
 */
final class AddressLimit {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** Counts one more session for {@code address}, unless that would pass {@code limit} (0: no limit). */
    boolean admit(String address, int limit) {
        if (address.equals(ClientAddress.UNKNOWN)) {
            return true;
        }
        if (open.merge(address, 1, Integer::sum) > limit && limit > 0) {
            release(address);
            return false;
        }
        return true;
    }

    /** A session of {@code address} ended. */
    void release(String address) {
        if (!address.equals(ClientAddress.UNKNOWN)) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** How many addresses hold a session now. */
    int addresses() {
        return open.size();
    }
}
