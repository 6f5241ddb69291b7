import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setClock } from '../../main/webapp/js/clock.js';
import { ago, clockTime, duration, fullTime, parseTime, plural } from '../../main/webapp/js/format.js';

// Local times, so that the expected clock readings hold in any time zone.
const NINE_O_FIVE = new Date(2024, 0, 2, 9, 5, 7, 42).getTime();

test('parseTime reads RFC 3339 and gives NaN for nothing', () => {
    assert.equal(parseTime('2024-01-02T03:04:05Z'), Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal(parseTime('2024-01-02T03:04:05.123456Z'), Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    assert.ok(Number.isNaN(parseTime(null)));
    assert.ok(Number.isNaN(parseTime('')));
});

test('clockTime pads hours, minutes and seconds, milliseconds on request', () => {
    assert.equal(clockTime(NINE_O_FIVE), '09:05:07');
    assert.equal(clockTime(NINE_O_FIVE, true), '09:05:07.042');
    assert.equal(clockTime(NaN), '–');
});

test('fullTime is empty for an unknown time', () => {
    assert.equal(fullTime(NaN), '');
    assert.notEqual(fullTime(NINE_O_FIVE), '');
});

test('duration: seconds, then minutes, hours and minutes, days', () => {
    assert.equal(duration(0), '0 s');
    assert.equal(duration(-5000), '0 s');
    assert.equal(duration(999), '0 s');
    assert.equal(duration(3000), '3 s');
    assert.equal(duration(89_999), '89 s');
    assert.equal(duration(90_000), '1 min');
    assert.equal(duration(5 * 60_000), '5 min');
    assert.equal(duration(89 * 60_000 + 59_000), '89 min');
    assert.equal(duration(90 * 60_000), '1 h 30 min');
    assert.equal(duration(47 * 3_600_000 + 59 * 60_000), '47 h 59 min');
    assert.equal(duration(48 * 3_600_000), '2 d');
    assert.equal(duration(10 * 86_400_000 + 5), '10 d');
});

test('ago: "just now" under two seconds, never for an unknown time, no negative ages', () => {
    const now = NINE_O_FIVE;
    assert.equal(ago(now - 1999, now), 'just now');
    assert.equal(ago(now - 2000, now), '2 s ago');
    assert.equal(ago(now - 3 * 60_000, now), '3 min ago');
    assert.equal(ago(now + 10_000, now), 'just now'); // a clock a little ahead of ours
    assert.equal(ago(NaN, now), 'never');
});

test('ago takes "now" from the console clock by default', () => {
    const restore = setClock(() => NINE_O_FIVE);
    try {
        assert.equal(ago(NINE_O_FIVE - 7000), '7 s ago');
    } finally {
        restore();
    }
});

test('plural', () => {
    assert.equal(plural(1, 'event'), '1 event');
    assert.equal(plural(0, 'event'), '0 events');
    assert.equal(plural(2, 'gap'), '2 gaps');
    assert.equal(plural(3, 'entry', 'entries'), '3 entries');
    assert.equal(plural(1234, 'event'), `${(1234).toLocaleString()} events`);
});
