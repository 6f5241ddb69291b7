import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { now, setClock } from '../../main/webapp/js/clock.js';

test('now() is the system clock unless a test fixes it', () => {
    const before = Date.now();
    const reading = now();
    assert.ok(reading >= before && reading <= Date.now(), `${reading} not within [${before}, now]`);
});

test('setClock fixes the time and gives back the previous clock', () => {
    const restoreOuter = setClock(() => 1000);
    assert.equal(now(), 1000);
    const restoreInner = setClock(() => 2000);
    assert.equal(now(), 2000);
    restoreInner();
    assert.equal(now(), 1000);
    restoreOuter();
    assert.ok(Math.abs(now() - Date.now()) < 1000);
});

test('clock.js is the only module that reads the system clock', async () => {
    const folder = new URL('../../main/webapp/js/', import.meta.url);
    const readers = [];
    for (const name of await readdir(folder)) {
        const code = (await readFile(new URL(name, folder), 'utf8')).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
        if (name !== 'clock.js' && /Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(code)) {
            readers.push(name);
        }
    }
    assert.deepEqual(readers, []);
});
