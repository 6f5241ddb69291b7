// One piece of server state read over REST (agents, locks, issues, orchestration), re-read when
// events say it changed. Events arrive in bursts, so reads are throttled, one at a time, and a read
// that an event made necessary while another was in flight is done again afterwards.

import * as clock from './clock.js';

export const THROTTLE_MS = 150;

/**
 * Freshness, shown on the panel so that nothing stale passes for current:
 *   live     read after the last (re)connect or gap, and the stream is live since
 *   syncing  a full re-read is under way (connect, reconnect, gap)
 *   stale    the stream is down: this is what we last knew
 *   error    the last read failed (shown with the reason)
 */
export class Resource {
    /**
     * @param {string} name
     * @param {() => Promise<any>} load
     * @param {(data: any, startedAt: number) => void} onData  startedAt: when the read began, so that
     *        what events said after that point is not overwritten by an older answer
     * @param {(resource: Resource) => void} onFreshness
     */
    constructor(name, load, onData, onFreshness) {
        this.name = name;
        this.load = load;
        this.onData = onData;
        this.onFreshness = onFreshness;
        this.freshness = 'stale';
        this.readAt = 0;
        this.error = '';
        this.timer = 0;
        this.inFlight = false;
        this.again = false;
        this.generation = 0;    // bumped by every full re-read request
        this.syncedGeneration = -1;
        this.isLive = () => false;
        this.onUnauthorized = () => {};
    }

    /** An event says this changed: read it soon. */
    refresh(delay = THROTTLE_MS) {
        if (this.inFlight) {
            this.again = true;
            return;
        }
        if (!this.timer) {
            this.timer = setTimeout(() => this.#read(), delay);
        }
    }

    /** The stream (re)opened or lost events: what we hold may be wrong until read again. */
    resync() {
        this.generation += 1;
        this.#setFreshness('syncing');
        clearTimeout(this.timer);
        this.timer = 0;
        this.refresh(0);
    }

    /** The stream is down: keep showing the last data, marked as such. */
    markStale() {
        this.#setFreshness('stale');
    }

    async #read() {
        this.timer = 0;
        this.inFlight = true;
        this.again = false;
        const generation = this.generation;
        const startedAt = clock.now();
        try {
            const data = await this.load();
            this.readAt = clock.now();
            this.error = '';
            this.onData(data, startedAt);
            this.syncedGeneration = generation;
            if (generation === this.generation) {
                this.#setFreshness(this.isLive() ? 'live' : 'stale');
            }
        } catch (error) {
            this.error = error.message || String(error);
            if (error.unauthorized) {
                this.onUnauthorized();
            }
            this.#setFreshness(this.isLive() ? 'error' : 'stale');
            if (this.isLive() && !error.unauthorized) {
                this.again = true; // keep trying while the stream says the server is there
            }
        } finally {
            this.inFlight = false;
            if (this.again || (this.isLive() && this.generation !== this.syncedGeneration)) {
                this.refresh(this.error ? 2000 : THROTTLE_MS);
            }
        }
    }

    #setFreshness(freshness) {
        this.freshness = freshness;
        this.onFreshness(this);
    }
}
