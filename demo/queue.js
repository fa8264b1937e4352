// The images of this session: a row of thumbnails to switch between. Each
// item keeps its File, its decoded bitmap and its last result, in memory
// only; the oldest are dropped past a limit.
import { h } from './dom.js';

const LIMIT = 24;
let nextId = 0;

export class ImageQueue {
  #items = [];

  constructor(list, onSelect) {
    this.list = list;
    this.onSelect = onSelect;
  }

  /** A new item for a File or Blob (decoded for display; undecodable files still get analysed). */
  async add(file) {
    const bitmap = await createImageBitmap(file).catch(() => null);
    const item = { id: nextId++, file, bitmap, name: file.name || 'pasted image', result: null, error: null, ms: undefined };
    const thumb = h('canvas', { width: 40, height: 40, 'aria-hidden': 'true' });
    if (bitmap) {
      const scale = Math.max(40 / bitmap.width, 40 / bitmap.height);
      thumb.getContext('2d').drawImage(bitmap, (40 - bitmap.width * scale) / 2, (40 - bitmap.height * scale) / 2, bitmap.width * scale, bitmap.height * scale);
    }
    item.status = h('span', { class: 'small', text: '…' });
    item.button = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => this.onSelect(item) },
      thumb, h('span', { class: 'name', text: item.name }), item.status);
    item.element = h('li', {}, item.button);
    this.list.append(item.element);
    this.#items.push(item);
    while (this.#items.length > LIMIT) {
      const old = this.#items.shift();
      old.bitmap?.close();
      old.element.remove();
    }
    return item;
  }

  update(item) {
    item.status.textContent = item.error ? item.error.innerCode : `${Math.round(item.ms)} ms`;
    item.status.classList.toggle('failed', Boolean(item.error));
  }

  select(item) {
    for (const other of this.#items) other.button.setAttribute('aria-pressed', String(other === item));
  }
}
