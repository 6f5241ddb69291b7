import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkToken } from '../../main/webapp/js/token-dialog.js';

const never = () => assert.fail('the hub is not asked about an empty token');

test('an empty token is not sent to the hub', async () => {
    assert.deepEqual(await checkToken('', never), { accepted: false, problem: 'Enter the token the hub printed at start-up.', rejected: false });
});

test('a token the hub accepts', async () => {
    const asked = [];
    const verdict = await checkToken('s3cret', async (token) => asked.push(token) > 0);
    assert.deepEqual(verdict, { accepted: true });
    assert.deepEqual(asked, ['s3cret']);
});

test('a token the hub refuses', async () => {
    assert.deepEqual(await checkToken('wrong', async () => false), { accepted: false, problem: 'The hub rejected this token.', rejected: true });
});

test('a hub that cannot be reached says why, and is not a refusal', async () => {
    const verdict = await checkToken('s3cret', async () => {
        throw new Error('network: Failed to fetch');
    });
    assert.deepEqual(verdict, { accepted: false, problem: 'Cannot reach the hub: network: Failed to fetch', rejected: false });
});
