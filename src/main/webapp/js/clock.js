// The console's one clock: every "now" (relative times, countdowns, flashes, the sparkline's
// seconds, read times) comes from here, so that it can be read in one place and fixed in tests.

let source = () => Date.now();

/** Milliseconds since the epoch, as Date.now() gives them. */
export function now() {
    return source();
}

/** Replaces the clock (tests: a fixed or stepped time); returns a function that puts the previous one back. */
export function setClock(clock) {
    const previous = source;
    source = clock;
    return () => {
        source = previous;
    };
}
