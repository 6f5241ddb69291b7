import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeqTracker } from '../../main/webapp/js/seq-tracker.js';

test('consecutive seqs from 1 skip nothing', () => {
    const seqs = new SeqTracker();
    assert.deepEqual([1, 2, 3, 4].map((seq) => seqs.skippedBefore(seq)), [0, 0, 0, 0]);
});

test('a jump says how many went missing, then counts on from the new seq', () => {
    const seqs = new SeqTracker();
    assert.equal(seqs.skippedBefore(1), 0);
    assert.equal(seqs.skippedBefore(5), 3);
    assert.equal(seqs.skippedBefore(6), 0);
    assert.equal(seqs.skippedBefore(106), 99);
});

test('a first message above 1 is a jump too', () => {
    assert.equal(new SeqTracker().skippedBefore(4), 3);
});

test('messages without a seq skip nothing and do not move the count', () => {
    const seqs = new SeqTracker();
    seqs.skippedBefore(1);
    assert.equal(seqs.skippedBefore(undefined), 0);
    assert.equal(seqs.skippedBefore('2'), 0);
    assert.equal(seqs.skippedBefore(2.5), 0);
    assert.equal(seqs.skippedBefore(2), 0);
});

test('a new connection counts from 1 again', () => {
    const seqs = new SeqTracker();
    seqs.skippedBefore(1);
    seqs.skippedBefore(2);
    seqs.reset();
    assert.equal(seqs.skippedBefore(1), 0);
});

test('a repeated or older seq is not a gap', () => {
    const seqs = new SeqTracker();
    seqs.skippedBefore(1);
    seqs.skippedBefore(2);
    assert.ok(seqs.skippedBefore(2) <= 0);
});
