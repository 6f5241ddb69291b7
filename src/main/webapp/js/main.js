// Wires the console: token → REST + /ws stream → board, log, connection status and gap notice.

import { Api } from './api.js';
import { Board } from './board.js';
import { closeReason } from './close-reasons.js';
import { ConnectionStatus } from './connection-status.js';
import { byId } from './dom.js';
import { EventLog } from './event-log.js';
import { GapNotice } from './gap-notice.js';
import { HubSocket, hubSocketUrl } from './hub-socket.js';
import { SeqTracker } from './seq-tracker.js';
import { TokenDialog } from './token-dialog.js';
import { loadToken, takeTokenFromUrl } from './token.js';

takeTokenFromUrl(); // first: the token must not linger in the address bar

const api = new Api(loadToken);
const socket = new HubSocket(hubSocketUrl(), loadToken);
const board = new Board(api, () => socket.live);
const log = new EventLog();
const connection = new ConnectionStatus(() => socket.retryNow(), loadToken);
const gapNotice = new GapNotice();
const tokenDialog = new TokenDialog((token) => api.accepts(token), () => socket.stop(), start);
const lastSeq = byId('last-seq');
const seqs = new SeqTracker();

board.addEventListener('synced', () => gapNotice.synced());
board.addEventListener('unauthorized', () => tokenDialog.storedTokenRefused());

// ---- the stream

socket.addEventListener('state', (event) => {
    connection.show(event.detail);
    if (event.detail.state !== 'live') {
        board.markStale();
    }
});
socket.addEventListener('open', () => {
    seqs.reset();
    log.add({ type: 'connection', text: 'connected: re-reading the board' }, null);
    board.resyncAll(); // whatever happened while we were away is only in the REST state
});
socket.addEventListener('close', (event) => {
    const { code, wasLive } = event.detail;
    if (wasLive) {
        log.add({ type: 'connection', text: `disconnected (${closeReason(code)})` }, null);
    }
});
socket.addEventListener('message', (event) => {
    const message = event.detail;
    if (Number.isInteger(message.seq)) {
        lastSeq.textContent = String(message.seq);
    }
    const skipped = seqs.skippedBefore(message.seq);
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

// ---- with a token the stream starts; without one the dialog asks for it

function start() {
    tokenDialog.inUse();
    socket.start();
    board.resyncAll(); // shown as "not live" until the stream is up
}

// ---- once a second: relative times, sparkline, countdown

setInterval(() => {
    board.tick();
    log.tick();
    connection.tick();
}, 1000);

if (loadToken()) {
    start();
} else {
    tokenDialog.ask();
}
