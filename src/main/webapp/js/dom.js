// Small helpers to build DOM without innerHTML: every value from the hub lands as text, never as markup.

/** h('td', {class: 'x', data: {id: 7}}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name === 'data') {
            for (const [key, item] of Object.entries(value)) {
                if (item !== undefined && item !== null) {
                    element.dataset[key] = String(item);
                }
            }
        } else if (name === 'class') {
            element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
        } else if (name === 'style') {
            Object.assign(element.style, value); // CSSOM, allowed by the page's style-src 'self'
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : String(child));
        }
    }
}

/** Replaces an element's children in one go (one layout instead of one per row): one child, or a list of them. */
export function replaceChildren(parent, children) {
    const fragment = document.createDocumentFragment();
    append(fragment, [children]);
    parent.replaceChildren(fragment);
}

export function byId(id) {
    return document.getElementById(id);
}
