// Wires the console: token → REST + /ws stream → board, log, connection state and gap notice.

import * as clock from './clock.js';
import { Api } from './api.js';
import { Board } from './board.js';
import { byId } from './dom.js';
import { EventLog } from './event-log.js';
import { clockTime, plural } from './format.js';
import { HubSocket, hubSocketUrl } from './hub-socket.js';
import { forgetToken, loadToken, saveToken, takeTokenFromUrl } from './token.js';

takeTokenFromUrl(); // first: the token must not linger in the address bar

const api = new Api(loadToken);
const socket = new HubSocket(hubSocketUrl(), loadToken);
const board = new Board(api, () => socket.live);
const log = new EventLog();

// ---- connection state

const CLOSE_REASONS = { 1000: 'closed', 1001: 'server going away', 1006: 'connection lost', 1009: 'message too big',
                        1011: 'server error', 1013: 'dropped as a slow consumer' };

const connection = {
    box: byId('connection'),
    state: byId('connection-state'),
    detail: byId('connection-detail'),
    reconnect: byId('reconnect-now'),

    show({ state, attempt, retryAt, closeCode }) {
        this.box.dataset.state = state;
        const label = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting', offline: 'Offline' }[state];
        if (this.state.textContent !== label) {
            this.state.textContent = label;
        }
        this.reconnect.hidden = state !== 'reconnecting';
        this.retry = { state, attempt, retryAt, closeCode };
        this.tick();
    },

    tick() {
        const { state, attempt, retryAt, closeCode } = this.retry ?? {};
        let text = '';
        if (state === 'reconnecting') {
            const wait = Math.ceil((retryAt - clock.now()) / 1000);
            const why = CLOSE_REASONS[closeCode] ?? (closeCode ? `closed ${closeCode}` : 'no answer');
            text = `${why} · ${wait > 0 ? `retry in ${wait} s` : 'trying now…'}${attempt > 1 ? ` · attempt ${attempt}` : ''}`;
        } else if (state === 'offline') {
            text = navigator.onLine === false ? 'no network: waiting for it' : (loadToken() ? '' : 'no token');
        }
        if (this.detail.textContent !== text) {
            this.detail.textContent = text;
        }
    },
};
connection.reconnect.addEventListener('click', () => socket.retryNow());

// ---- gap notice: events were lost, so the board is re-read and says when it is right again

const gapNotice = {
    box: byId('gap-notice'),
    text: byId('gap-notice-text'),
    lost: 0,
    gaps: 0,
    since: 0,
    waiting: false,

    gap(message) {
        this.lost += message.dropped ?? 0;
        this.gaps += 1;
        this.since ||= clock.now();
        this.waiting = true;
        this.box.dataset.state = 'syncing';
        this.box.hidden = false;
        this.say(`Missed ${this.what()}: the hub's queue for this console overflowed. `
            + 'Re-reading agents, locks, issues and orchestration from the server…');
    },

    synced() {
        if (!this.waiting) {
            return;
        }
        this.waiting = false;
        this.box.dataset.state = 'recovered';
        this.say(`Missed ${this.what()}. The board was re-read from the server at ${clockTime(clock.now())} and is current again.`);
    },

    dismiss() {
        this.box.hidden = true;
        this.lost = this.gaps = this.since = 0;
    },

    what() {
        return `${plural(this.lost, 'event')}${this.gaps > 1 ? ` in ${this.gaps} gaps` : ''} since ${clockTime(this.since)}`;
    },

    say(text) {
        this.text.textContent = text;
    },
};
byId('gap-notice-dismiss').addEventListener('click', () => gapNotice.dismiss());
board.addEventListener('synced', () => gapNotice.synced());

// ---- the stream

const lastSeq = byId('last-seq');
let expectedSeq = 1; // seq is per connection and counts every message: a jump means frames went missing

socket.addEventListener('state', (event) => {
    connection.show(event.detail);
    if (event.detail.state !== 'live') {
        board.markStale();
    }
});
socket.addEventListener('open', () => {
    expectedSeq = 1;
    log.add({ type: 'connection', text: 'connected: re-reading the board' }, null);
    board.resyncAll(); // whatever happened while we were away is only in the REST state
});
socket.addEventListener('close', (event) => {
    const { code, wasLive } = event.detail;
    if (wasLive) {
        log.add({ type: 'connection', text: `disconnected (${CLOSE_REASONS[code] ?? code})` }, null);
    }
});
socket.addEventListener('message', (event) => {
    const message = event.detail;
    let skipped = 0;
    if (Number.isInteger(message.seq)) {
        lastSeq.textContent = String(message.seq);
        skipped = message.seq - expectedSeq;
        expectedSeq = message.seq + 1;
    }
    log.add(message);
    if (skipped > 0 && message.type !== 'gap') {
        // Not something the hub does, but if it happens the board cannot be trusted either.
        log.add({ type: 'connection', text: `seq jumped over ${skipped}: re-reading the board` }, null);
        board.resyncAll();
    }
    if (message.type === 'gap') {
        gapNotice.gap(message);
        board.resyncAll();
    } else {
        board.apply(message);
    }
});

// ---- the token: asked once, kept in sessionStorage, never in a URL

const dialog = byId('token-dialog');
const form = byId('token-form');
const input = byId('token-input');
const error = byId('token-error');
const submit = byId('token-submit');
const forget = byId('forget-token');

function askForToken(reason = '') {
    socket.stop();
    forget.hidden = true;
    error.textContent = reason;
    if (!dialog.open) {
        dialog.showModal();
    }
    input.focus();
}

function start() {
    forget.hidden = false;
    socket.start();
    board.resyncAll(); // shown as "not live" until the stream is up
}

form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
        error.textContent = 'Enter the token the hub printed at start-up.';
        return;
    }
    submit.disabled = true;
    error.textContent = 'Checking…';
    try {
        if (!(await api.accepts(token))) {
            error.textContent = 'The hub rejected this token.';
            input.select();
            return;
        }
    } catch (failure) {
        error.textContent = `Cannot reach the hub: ${failure.message}`;
        return;
    } finally {
        submit.disabled = false;
    }
    saveToken(token);
    input.value = '';
    error.textContent = '';
    dialog.close();
    start();
});
dialog.addEventListener('cancel', (event) => event.preventDefault()); // nothing to show without a token

forget.addEventListener('click', () => {
    forgetToken();
    askForToken();
});

board.addEventListener('unauthorized', () => {
    if (!dialog.open) {
        forgetToken();
        askForToken('The hub no longer accepts the stored token: enter the current one.');
    }
});

// ---- once a second: relative times, sparkline, countdown

setInterval(() => {
    board.tick();
    log.tick();
    connection.tick();
}, 1000);

if (loadToken()) {
    start();
} else {
    askForToken();
}
