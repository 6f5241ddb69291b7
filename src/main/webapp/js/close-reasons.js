// Why the /ws stream closed, in an operator's words: the codes the hub sends (CloseCodes.java and
// README's close-code table), the ones the browser reports on its own, and what a proxy may send.

export const CLOSE_REASONS = Object.freeze({
    1000: 'closed normally',
    1001: 'server shutting down',
    1002: 'protocol error',
    1003: 'unsupported data',
    1005: 'closed without a code',
    1006: 'connection lost', // the browser's own: no close frame (server gone, network cut, handshake refused)
    1007: 'malformed message',
    1008: 'refused: too many connections from this address',
    1009: 'message too big',
    1010: 'extension not negotiated',
    1011: 'server error',
    1012: 'server restarting',
    1013: 'dropped as a slow consumer: this console fell behind the stream',
    1014: 'bad gateway',
    1015: 'TLS handshake failed',
    4008: 'no pong: keepalive timed out',
});

/** The words for a close code; a code not listed is named as such, and no code at all means no answer. */
export function closeReason(code) {
    if (!code) {
        return 'no answer';
    }
    return CLOSE_REASONS[code] ?? `closed ${code}`;
}
