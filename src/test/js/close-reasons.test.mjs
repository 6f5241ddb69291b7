import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOSE_REASONS, closeReason } from '../../main/webapp/js/close-reasons.js';

test('every code the hub sends has words (CloseCodes.java)', () => {
    assert.equal(closeReason(1001), 'server shutting down');
    assert.match(closeReason(1013), /slow consumer/);
    assert.match(closeReason(1008), /too many connections from this address/);
    assert.match(closeReason(4008), /keepalive/);
});

test("the browser's own codes and the usual ones", () => {
    assert.equal(closeReason(1000), 'closed normally');
    assert.equal(closeReason(1006), 'connection lost');
    assert.equal(closeReason(1011), 'server error');
    assert.equal(closeReason(1009), 'message too big');
});

test('a code not listed is named; no code means no answer', () => {
    assert.equal(closeReason(4999), 'closed 4999');
    assert.equal(closeReason(0), 'no answer');
    assert.equal(closeReason(undefined), 'no answer');
});

test('the table cannot be changed by a caller', () => {
    assert.ok(Object.isFrozen(CLOSE_REASONS));
    const codes = Object.keys(CLOSE_REASONS).map(Number);
    assert.ok(codes.every((code) => code === 1000 || (code > 1000 && code < 1016) || (code >= 4000 && code < 5000)), codes.join());
});
