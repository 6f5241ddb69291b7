import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionDetail, connectionLabel } from '../../main/webapp/js/connection-status.js';

const NOW = 1_700_000_000_000;
const online = { now: NOW, online: true, hasToken: true };

test('the state names', () => {
    assert.equal(connectionLabel('live'), 'Live');
    assert.equal(connectionLabel('connecting'), 'Connecting…');
    assert.equal(connectionLabel('reconnecting'), 'Reconnecting');
    assert.equal(connectionLabel('offline'), 'Offline');
});

test('reconnecting: why it closed, a countdown rounded up, the attempt from the second on', () => {
    assert.equal(connectionDetail({ state: 'reconnecting', attempt: 1, retryAt: NOW + 4200, closeCode: 1001 }, online),
        'server shutting down · retry in 5 s');
    assert.equal(connectionDetail({ state: 'reconnecting', attempt: 3, retryAt: NOW + 1000, closeCode: 1006 }, online),
        'connection lost · retry in 1 s · attempt 3');
    assert.equal(connectionDetail({ state: 'reconnecting', attempt: 2, retryAt: NOW, closeCode: 1013 }, online),
        'dropped as a slow consumer: this console fell behind the stream · trying now… · attempt 2');
    assert.equal(connectionDetail({ state: 'reconnecting', attempt: 1, retryAt: NOW - 500, closeCode: 0 }, online),
        'no answer · trying now…');
});

test('offline: no network, no token, or nothing to add', () => {
    assert.equal(connectionDetail({ state: 'offline' }, { now: NOW, online: false, hasToken: true }), 'no network: waiting for it');
    assert.equal(connectionDetail({ state: 'offline' }, { now: NOW, online: true, hasToken: false }), 'no token');
    assert.equal(connectionDetail({ state: 'offline' }, online), '');
    // navigator.onLine may be missing: only a definite false means no network.
    assert.equal(connectionDetail({ state: 'offline' }, { now: NOW, online: undefined, hasToken: true }), '');
});

test('live, connecting, and before any state: no detail', () => {
    assert.equal(connectionDetail({ state: 'live', closeCode: 1006 }, online), '');
    assert.equal(connectionDetail({ state: 'connecting', attempt: 1 }, online), '');
    assert.equal(connectionDetail(undefined, online), '');
});
