import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelOf, describe as describeEvent, LOG_CHANNELS, LOG_LIMIT, RateBuckets, shownRows }
    from '../../main/webapp/js/event-log.js';

test("each message type has its channel; applications' own go to other", () => {
    assert.equal(channelOf('heartbeat'), 'agents');
    assert.equal(channelOf('agent_status'), 'agents');
    assert.equal(channelOf('issue_updated'), 'issues');
    assert.equal(channelOf('lock_changed'), 'locks');
    assert.equal(channelOf('execution_progress'), 'execution');
    assert.equal(channelOf('gap'), 'hub');
    assert.equal(channelOf('error'), 'hub');
    assert.equal(channelOf('connection'), 'hub');
    assert.equal(channelOf('order_shipped'), 'other');
    assert.equal(channelOf('toString'), 'other');
    assert.deepEqual(LOG_CHANNELS, ['agents', 'issues', 'locks', 'execution', 'hub', 'other']);
});

test("one line per crosslink event, saying what it says", () => {
    assert.equal(describeEvent({ type: 'heartbeat', agent_id: 'a1', active_issue_id: 7 }), 'a1 on #7');
    assert.equal(describeEvent({ type: 'heartbeat', agent_id: 'a1', active_issue_id: null }), 'a1');
    assert.equal(describeEvent({ type: 'agent_status', agent_id: 'a1', status: 'idle' }), 'a1 is idle');
    assert.equal(describeEvent({ type: 'issue_updated', issue_id: 3, field: 'status' }), '#3 status');
    assert.equal(describeEvent({ type: 'lock_changed', issue_id: 3, action: 'claimed', agent_id: 'a1' }), '#3 claimed by a1');
    assert.equal(describeEvent({ type: 'gap', dropped: 1 }), '1 event lost: re-reading the board');
    assert.equal(describeEvent({ type: 'gap' }), '0 events lost: re-reading the board');
    assert.equal(describeEvent({ type: 'error', message: 'bad channel' }), 'hub refused: bad channel');
    assert.equal(describeEvent({ type: 'connection', text: 'connected' }), 'connected');
});

test("a stage is named by its plan's first block and its place in the plan", () => {
    const plan = '0123abcd-1111-2222-3333-444455556666';
    assert.equal(describeEvent({ type: 'execution_progress', plan_id: plan, stage_id: `${plan}-p0-s1`, status: 'running', agent_id: 'a1' }),
        '0123abcd p0-s1 running (a1)');
    assert.equal(describeEvent({ type: 'execution_progress', plan_id: plan, stage_id: 'other-stage', status: 'done' }),
        'other-stage done');
});

test("an application's event: its fields, long values cut, the line at most 200 characters", () => {
    assert.equal(describeEvent({ type: 'order_shipped', seq: 9, order_id: 42, to: { city: 'Graz' } }),
        'order_id=42 to={"city":"Graz"}');
    const long = 'x'.repeat(100);
    assert.equal(describeEvent({ type: 'blob', data: long }), `data=${'x'.repeat(24)}… (100 chars)`);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, 'value']));
    assert.equal(describeEvent({ type: 'wide', ...many }).length, 200);
});

function entries(perChannel) {
    const all = Object.fromEntries(LOG_CHANNELS.map((channel) => [channel, []]));
    let n = 0;
    for (const [channel, count] of perChannel) {
        for (let i = 0; i < count; i++) {
            all[channel].push({ n: n++, channel });
        }
    }
    return all;
}

test('the log shows the shown channels only, newest first', () => {
    const log = entries([['agents', 2], ['locks', 2], ['other', 1]]);
    const rows = shownRows(log, new Set(['agents', 'other']));
    assert.deepEqual(rows.map((row) => [row.n, row.channel]), [[4, 'other'], [1, 'agents'], [0, 'agents']]);
    assert.deepEqual(shownRows(log, new Set()), []);
});

test('at most the limit, and a flood on one channel does not push a quiet one out', () => {
    const log = entries([['locks', 3], ['other', 2 * LOG_LIMIT]]);
    const rows = shownRows(log, new Set(LOG_CHANNELS));
    assert.equal(rows.length, LOG_LIMIT);
    assert.ok(rows.every((row, i) => i === 0 || rows[i - 1].n > row.n), 'newest first');
    const small = shownRows(log, new Set(LOG_CHANNELS), 4);
    assert.deepEqual(small.map((row) => row.n), [2 * LOG_LIMIT + 2, 2 * LOG_LIMIT + 1, 2 * LOG_LIMIT, 2 * LOG_LIMIT - 1]);
    // The quiet channel alone: all three of its entries, though the flood came after them.
    assert.deepEqual(shownRows(log, new Set(['locks'])).map((row) => row.n), [2, 1, 0]);
});

test('the sparkline counts events per second and reports the complete seconds only', () => {
    const start = 1_700_000_000_000; // a whole second
    const rate = new RateBuckets(5, start);
    rate.count(start + 100);
    rate.count(start + 900);
    rate.count(start + 1000);
    assert.deepEqual(rate.complete(), [0, 0, 0, 2]); // the second with one event is still filling
    rate.roll(start + 2000);
    assert.deepEqual(rate.complete(), [0, 0, 2, 1]);
    rate.roll(start + 2999); // same second: nothing moves
    assert.deepEqual(rate.complete(), [0, 0, 2, 1]);
});

test('seconds without events count zero, and a long pause clears the window', () => {
    const start = 1_700_000_000_000;
    const rate = new RateBuckets(5, start);
    rate.count(start);
    rate.roll(start + 3000);
    assert.deepEqual(rate.complete(), [0, 1, 0, 0]);
    rate.count(start + 3500);
    rate.roll(start + 3_600_000);
    assert.deepEqual(rate.complete(), [0, 0, 0, 0]);
    rate.count(start + 3_600_000);
    rate.roll(start + 3_601_000);
    assert.deepEqual(rate.complete(), [0, 0, 0, 1]);
});
