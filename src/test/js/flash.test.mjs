import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setClock } from '../../main/webapp/js/clock.js';
import { FLASH_MS, forgetOldChanges } from '../../main/webapp/js/flash.js';

test('highlights that are over are forgotten, running ones kept', () => {
    const now = 100_000;
    const changedAt = new Map([['over', now - FLASH_MS], ['long over', now - 10 * FLASH_MS], ['running', now - FLASH_MS + 1], ['new', now]]);
    forgetOldChanges(changedAt, now);
    assert.deepEqual([...changedAt.keys()], ['running', 'new']);
});

test("without a time, the console clock's", () => {
    const restore = setClock(() => 50_000);
    try {
        const changedAt = new Map([[1, 50_000 - FLASH_MS - 1], [2, 49_000]]);
        forgetOldChanges(changedAt);
        assert.deepEqual([...changedAt.keys()], [2]);
    } finally {
        restore();
    }
});
