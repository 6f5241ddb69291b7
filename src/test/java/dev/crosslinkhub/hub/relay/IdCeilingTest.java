package dev.crosslinkhub.hub.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The database's bound stays above every id the cluster hands out, raised a block at a time. */
class IdCeilingTest {

    /** The bound as the database would keep it: raised, never lowered. */
    private static class StoredBound extends EventIdStore {
        long bound;
        final List<Long> raises = new ArrayList<>();

        StoredBound(long bound) {
            this.bound = bound;
        }

        @Override
        public long raiseTo(long upTo) {
            raises.add(upTo);
            bound = Math.max(bound, upTo);
            return bound;
        }
    }

    private static final Executor INLINE = Runnable::run;

    @Test
    void everyCoveredIdIsBelowTheStoredBound() {
        StoredBound store = new StoredBound(100);
        IdCeiling ceiling = new IdCeiling(store, INLINE, 10, 100);
        for (long id = 101; id <= 1000; id++) {
            ceiling.cover(id);
            assertTrue(store.bound >= id, "id " + id + " handed out above the stored bound " + store.bound);
        }
        assertTrue(store.raises.size() <= 91, "raised a block at a time, not per id: " + store.raises.size());
    }

    @Test
    void aJumpAheadRaisesPastIt() {
        StoredBound store = new StoredBound(0);
        IdCeiling ceiling = new IdCeiling(store, INLINE, 10, 0);
        ceiling.cover(5_000);
        assertEquals(5_010, store.bound);
    }

    @Test
    void aFailedRaiseIsTriedAgainNotRethrownForever() {
        StoredBound store = new StoredBound(0) {
            int calls;

            @Override
            public long raiseTo(long upTo) {
                if (calls++ == 0) {
                    throw new IllegalStateException("another instance inserted the row first");
                }
                return super.raiseTo(upTo);
            }
        };
        IdCeiling ceiling = new IdCeiling(store, INLINE, 10, 0);
        assertThrows(IllegalStateException.class, () -> ceiling.cover(1));
        ceiling.cover(1);
        assertTrue(store.bound >= 1);
    }
}
