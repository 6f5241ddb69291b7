// The hub's /ws stream with crosslink's reconnect policy: 1 s, doubling up to 30 s.

import * as clock from './clock.js';

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30000;
/** A connection that lived this long was healthy: the next drop starts the backoff afresh. */
const HEALTHY_AFTER_MS = 5000;

/** How long to wait before each try: 1 s, then twice as long each time, at most 30 s. */
export class Backoff {
    constructor() {
        this.reset();
    }

    /** The next try waits the first delay again. */
    reset() {
        this.delay = BACKOFF_FIRST_MS;
    }

    /** The wait before this try; the next one waits twice as long, up to the maximum. */
    next() {
        const wait = this.delay;
        this.delay = Math.min(this.delay * 2, BACKOFF_MAX_MS);
        return wait;
    }
}

/** Whether a connection opened at openedAt (0: never) and closed at closedAt lived long enough to count as healthy. */
export function wasHealthy(openedAt, closedAt) {
    return openedAt > 0 && closedAt - openedAt >= HEALTHY_AFTER_MS;
}

/** ws://host/<this page's directory>/ws (wss:// under https). */
export function hubSocketUrl(pageUrl = window.location.href) {
    const url = new URL('ws', pageUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    return url.href;
}

/**
 * Events: 'state' (detail: {state, attempt, retryAt, closeCode}), 'open', 'message' (detail: the
 * parsed message), 'close'. States: connecting, live, reconnecting, offline.
 */
export class HubSocket extends EventTarget {
    /**
     * @param url    the /ws URL
     * @param token  a function giving the API token: a browser cannot set headers on a WebSocket,
     *               so the token rides as the subprotocol "bearer.<token>" beside "crosslink.v1"
     *               (the one the hub accepts), never in the URL
     */
    constructor(url, token = () => '') {
        super();
        this.url = url;
        this.token = token;
        this.state = 'offline';
        this.socket = null;
        this.wanted = false;
        this.attempt = 0;
        this.backoff = new Backoff();
        this.retryAt = 0;
        this.retryTimer = 0;
        this.openedAt = 0;
        this.closeCode = 0;
        this.everLive = false; // "connecting" until the first success, "reconnecting" after that
        window.addEventListener('offline', () => this.#networkLost());
        window.addEventListener('online', () => this.#networkBack());
    }

    get live() {
        return this.state === 'live';
    }

    start() {
        this.wanted = true;
        this.backoff.reset();
        this.attempt = 0;
        this.everLive = false;
        if (navigator.onLine === false) {
            this.#setState('offline');
        } else {
            this.#connect();
        }
    }

    stop() {
        this.wanted = false;
        clearTimeout(this.retryTimer);
        this.#drop();
        this.#setState('offline');
    }

    /** Skips the rest of the backoff wait (the "Reconnect now" button). */
    retryNow() {
        if (this.wanted && this.state === 'reconnecting') {
            clearTimeout(this.retryTimer);
            this.#connect();
        }
    }

    #connect() {
        this.#drop();
        this.attempt += 1;
        this.#setState(!this.everLive && this.attempt === 1 ? 'connecting' : 'reconnecting');
        let socket;
        try {
            const token = this.token();
            socket = new WebSocket(this.url, token ? ['crosslink.v1', 'bearer.' + token] : ['crosslink.v1']);
        } catch {
            this.#scheduleRetry();
            return;
        }
        this.socket = socket;
        socket.onopen = () => {
            this.openedAt = clock.now();
            this.everLive = true;
            this.attempt = 0;
            this.closeCode = 0;
            this.#setState('live');
            this.dispatchEvent(new Event('open'));
        };
        socket.onmessage = (event) => {
            let message;
            try {
                message = JSON.parse(event.data);
            } catch {
                message = { type: 'unparseable', raw: String(event.data).slice(0, 200) };
            }
            this.dispatchEvent(new CustomEvent('message', { detail: message }));
        };
        socket.onclose = (event) => {
            if (this.socket !== socket) {
                return; // an older socket we already replaced
            }
            this.socket = null;
            this.closeCode = event.code;
            const wasLive = this.openedAt > 0;
            if (wasHealthy(this.openedAt, clock.now())) {
                this.backoff.reset();
            }
            this.openedAt = 0;
            this.dispatchEvent(new CustomEvent('close', { detail: { code: event.code, wasLive } }));
            if (!this.wanted) {
                this.#setState('offline');
            } else if (navigator.onLine === false) {
                this.#setState('offline');
            } else {
                this.#scheduleRetry();
            }
        };
        // onerror is always followed by onclose, which does the work.
    }

    #scheduleRetry() {
        const wait = this.backoff.next();
        this.retryAt = clock.now() + wait;
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.#connect(), wait);
        this.#setState('reconnecting');
    }

    #drop() {
        const socket = this.socket;
        this.socket = null;
        this.openedAt = 0;
        if (socket) {
            const wasLive = socket.readyState === WebSocket.OPEN;
            socket.onopen = socket.onmessage = socket.onclose = null;
            try {
                socket.close(1000, 'console closing');
            } catch {
                // already closed
            }
            this.dispatchEvent(new CustomEvent('close', { detail: { code: 1000, wasLive } }));
        }
    }

    #networkLost() {
        if (!this.wanted) {
            return;
        }
        clearTimeout(this.retryTimer);
        this.#drop();
        this.#setState('offline');
    }

    #networkBack() {
        if (this.wanted && this.state === 'offline') {
            this.backoff.reset();
            this.attempt = 0;
            this.#connect();
        }
    }

    #setState(state) {
        const changed = state !== this.state;
        this.state = state;
        this.dispatchEvent(new CustomEvent('state', {
            detail: { state, changed, attempt: this.attempt, retryAt: this.retryAt, closeCode: this.closeCode },
        }));
    }
}
