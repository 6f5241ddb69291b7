import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { h, replaceChildren } from '../../main/webapp/js/dom.js';

// Just enough of a DOM for dom.js: elements that keep their children, attributes, dataset and style.
class FakeNode {
    constructor(tag) {
        this.tag = tag;
        this.children = [];
        this.attributes = {};
        this.dataset = {};
        this.style = {};
        this.className = '';
    }

    append(child) {
        this.children.push(child);
    }

    replaceChildren(fragment) {
        this.children = [...fragment.children];
    }

    setAttribute(name, value) {
        this.attributes[name] = value;
    }
}

const saved = {};
before(() => {
    saved.document = globalThis.document;
    saved.Node = globalThis.Node;
    globalThis.Node = FakeNode;
    globalThis.document = { createElement: (tag) => new FakeNode(tag), createDocumentFragment: () => new FakeNode('#fragment') };
});
after(() => {
    globalThis.document = saved.document;
    globalThis.Node = saved.Node;
});

test('h sets classes, data, style and attributes, skips empty ones, and adds values as text', () => {
    const cell = h('td', { class: ['a', null, 'b'], data: { agentId: 'x', none: null }, style: { animationDelay: '-5ms' },
                           title: 7, hidden: true, skipped: false, gone: null }, 'text', 42, null, ['nested', false]);
    assert.equal(cell.className, 'a b');
    assert.deepEqual(cell.dataset, { agentId: 'x' });
    assert.deepEqual(cell.style, { animationDelay: '-5ms' });
    assert.deepEqual(cell.attributes, { title: '7', hidden: '' });
    assert.deepEqual(cell.children, ['text', '42', 'nested']);
});

test('replaceChildren takes a list of children', () => {
    const body = new FakeNode('tbody');
    body.append('old row');
    replaceChildren(body, [h('tr'), [h('tr'), null]]);
    assert.deepEqual(body.children.map((child) => child.tag), ['tr', 'tr']);
});

test('replaceChildren takes a single child too (the orchestration panel without a plan)', () => {
    const body = new FakeNode('div');
    replaceChildren(body, h('p', { class: 'empty' }, 'No plan has been submitted.'));
    assert.equal(body.children.length, 1);
    assert.equal(body.children[0].tag, 'p');
    assert.deepEqual(body.children[0].children, ['No plan has been submitted.']);
});
