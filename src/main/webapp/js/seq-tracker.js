// The stream's seq: per connection, counting every message from 1, so a jump means frames went missing.

export class SeqTracker {
    constructor() {
        this.reset();
    }

    /** A new connection: its first message is 1. */
    reset() {
        this.expected = 1;
    }

    /** A message's seq: how many messages were skipped before it (0 if none; a message without a seq skips none). */
    skippedBefore(seq) {
        if (!Number.isInteger(seq)) {
            return 0;
        }
        const skipped = seq - this.expected;
        this.expected = seq + 1;
        return skipped;
    }
}
