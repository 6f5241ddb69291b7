import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GapTally, recoveredText, syncingText } from '../../main/webapp/js/gap-notice.js';

const AT = new Date(2024, 5, 1, 14, 3, 7).getTime();
const LATER = new Date(2024, 5, 1, 14, 4, 0).getTime();

test('one gap: how many events, since when', () => {
    const tally = new GapTally();
    tally.add(17, AT);
    assert.equal(tally.missed(), '17 events since 14:03:07');
});

test('several gaps add up and keep the first time', () => {
    const tally = new GapTally();
    tally.add(1, AT);
    tally.add(4, LATER);
    tally.add(undefined, LATER); // a gap that does not say how many
    assert.deepEqual({ lost: tally.lost, gaps: tally.gaps, since: tally.since }, { lost: 5, gaps: 3, since: AT });
    assert.equal(tally.missed(), '5 events in 3 gaps since 14:03:07');
});

test('clearing starts the count and the time afresh', () => {
    const tally = new GapTally();
    tally.add(9, AT);
    tally.clear();
    tally.add(1, LATER);
    assert.equal(tally.missed(), '1 event since 14:04:00');
});

test('the notice while re-reading and once current again', () => {
    const tally = new GapTally();
    tally.add(2, AT);
    assert.equal(syncingText(tally), "Missed 2 events since 14:03:07: the hub's queue for this console overflowed. "
        + 'Re-reading agents, locks, issues and orchestration from the server…');
    assert.equal(recoveredText(tally, LATER),
        'Missed 2 events since 14:03:07. The board was re-read from the server at 14:04:00 and is current again.');
});
