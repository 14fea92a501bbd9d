import { h } from './dom.js';

/**
 * Renders a git-style unified diff side by side: old lines on the left, new on the right; a run of removed lines is
 * paired with the run of added lines after it. Only text nodes are created.
 */
export function sideBySide(diff) {
  const rows = [];
  const lines = (diff || '').replace(/\n$/, '').split('\n');
  let oldNo = 0, newNo = 0, del = [], add = [];
  const flush = () => {
    const n = Math.max(del.length, add.length);
    for (let i = 0; i < n; i++) {
      const d = del[i], a = add[i];
      rows.push(h('tr', {},
        h('td', { class: 'n' }, d ? d[0] : ''), h('td', { class: d ? 'del' : '' }, d ? d[1] : ''),
        h('td', { class: 'n' }, a ? a[0] : ''), h('td', { class: a ? 'add' : '' }, a ? a[1] : '')));
    }
    del = []; add = [];
  };
  for (const line of lines) {
    if (line.startsWith('diff --git') || line.startsWith('index ')) continue;
    if (line.startsWith('--- ')) { flush(); continue; }
    if (line.startsWith('+++ ')) {
      rows.push(h('tr', { class: 'file' }, h('td', { colspan: 4 }, line.slice(4).replace(/^b\//, ''))));
      continue;
    }
    const m = line.match(/^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/);
    if (m) {
      flush();
      oldNo = +m[1]; newNo = +m[2];
      rows.push(h('tr', { class: 'hunk' }, h('td', { colspan: 4 }, line)));
      continue;
    }
    if (line.startsWith('-')) { del.push([oldNo++, line.slice(1)]); continue; }
    if (line.startsWith('+')) { add.push([newNo++, line.slice(1)]); continue; }
    if (line.startsWith('\\')) continue;
    flush();
    const text = line.startsWith(' ') ? line.slice(1) : line;
    rows.push(h('tr', {}, h('td', { class: 'n' }, oldNo++), h('td', {}, text), h('td', { class: 'n' }, newNo++), h('td', {}, text)));
  }
  flush();
  return h('table', { class: 'diff', 'data-testid': 'diff' },
    h('colgroup', {}, h('col', { style: 'width:3.5rem' }), h('col'), h('col', { style: 'width:3.5rem' }), h('col')),
    h('tbody', {}, rows));
}
