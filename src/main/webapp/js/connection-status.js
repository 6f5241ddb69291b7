// The connection status in the top bar: live, connecting, reconnecting (why, countdown, attempt) or offline.

import * as clock from './clock.js';
import { closeReason } from './close-reasons.js';
import { byId } from './dom.js';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting', offline: 'Offline' };

/** The state's name, the part that is announced (role=status). */
export function connectionLabel(state) {
    return LABELS[state];
}

/**
 * The line beside the state, not announced: why the stream closed and when it retries, or why it
 * is offline.
 * @param retry  what HubSocket's 'state' event said: {state, attempt, retryAt, closeCode}
 * @param at     {now, online: navigator.onLine, hasToken}
 */
export function connectionDetail({ state, attempt, retryAt, closeCode } = {}, { now, online, hasToken }) {
    if (state === 'reconnecting') {
        const wait = Math.ceil((retryAt - now) / 1000);
        return `${closeReason(closeCode)} · ${wait > 0 ? `retry in ${wait} s` : 'trying now…'}${attempt > 1 ? ` · attempt ${attempt}` : ''}`;
    }
    if (state === 'offline') {
        return online === false ? 'no network: waiting for it' : (hasToken ? '' : 'no token');
    }
    return '';
}

export class ConnectionStatus {
    /**
     * @param {() => void} retryNow     the "Reconnect now" button
     * @param {() => string} loadToken  the stored token, if any ("no token" when offline without one)
     */
    constructor(retryNow, loadToken) {
        this.box = byId('connection');
        this.state = byId('connection-state');
        this.detail = byId('connection-detail');
        this.reconnect = byId('reconnect-now');
        this.loadToken = loadToken;
        this.retry = undefined;
        this.reconnect.addEventListener('click', () => retryNow());
    }

    /** A HubSocket 'state' event's detail. */
    show({ state, attempt, retryAt, closeCode }) {
        this.box.dataset.state = state;
        const label = connectionLabel(state);
        if (this.state.textContent !== label) {
            this.state.textContent = label;
        }
        this.reconnect.hidden = state !== 'reconnecting';
        this.retry = { state, attempt, retryAt, closeCode };
        this.tick();
    }

    /** Once a second: the countdown. */
    tick() {
        const text = connectionDetail(this.retry,
            { now: clock.now(), online: navigator.onLine, hasToken: Boolean(this.loadToken()) });
        if (this.detail.textContent !== text) {
            this.detail.textContent = text;
        }
    }
}
