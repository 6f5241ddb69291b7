import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff, BACKOFF_FIRST_MS, BACKOFF_MAX_MS, hubSocketUrl, wasHealthy } from '../../main/webapp/js/hub-socket.js';

test("crosslink's backoff: 1 s doubling up to 30 s, then 30 s", () => {
    const backoff = new Backoff();
    const waits = Array.from({ length: 8 }, () => backoff.next());
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    assert.equal(BACKOFF_FIRST_MS, 1000);
    assert.equal(BACKOFF_MAX_MS, 30000);
});

test('a reset starts the backoff afresh', () => {
    const backoff = new Backoff();
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    assert.deepEqual([backoff.next(), backoff.next()], [1000, 2000]);
});

test('a connection is healthy after living five seconds; one never opened is not', () => {
    assert.equal(wasHealthy(10_000, 15_000), true);
    assert.equal(wasHealthy(10_000, 14_999), false);
    assert.equal(wasHealthy(0, 60_000), false);
});

test("the /ws URL sits beside the page, ws or wss as the page's scheme, without query or fragment", () => {
    assert.equal(hubSocketUrl('http://127.0.0.1:3100/'), 'ws://127.0.0.1:3100/ws');
    assert.equal(hubSocketUrl('https://hub.example/crosslink-hub/index.html?token=x#board'), 'wss://hub.example/crosslink-hub/ws');
    assert.equal(hubSocketUrl('http://127.0.0.1:8080/crosslink-hub/'), 'ws://127.0.0.1:8080/crosslink-hub/ws');
});
