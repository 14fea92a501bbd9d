import { get } from './api.js';
import { h, mount, time, problemBox } from './dom.js';

/** Model aliases with their backends (costs, limits, circuit state) and the team's model tokens against its budget. */
export function modelsView() {
  const usageBox = h('div', { 'data-testid': 'usage' });
  const list = h('div', { 'data-testid': 'models' });
  const ready = Promise.all([
    get('/models/usage').then(u => usageBox.replaceChildren(h('p', {},
      `Team ${u.team}: ${u.usedTokens} model tokens used this period`
        + (u.limitTokens == null ? ' (no budget limit)' : ` of ${u.limitTokens} (${Math.round(100 * u.usedTokens / Math.max(1, u.limitTokens))}%)`)
        + `; the period ends ${time(u.periodEnd)}.`))).catch(e => usageBox.replaceChildren(problemBox(e))),
    get('/models').then(m => list.replaceChildren(!(m.data || []).length
      ? h('p', { class: 'muted' }, m.message || 'No model configured.')
      : h('table', {}, h('thead', {}, h('tr', {}, ['Alias', 'Backend', 'Type', 'Model', 'Context', 'Cost in/out per 1k', 'Circuit', 'In flight']
          .map(c => h('th', {}, c)))),
        h('tbody', {}, m.data.flatMap(a => (a.backends || []).map((b, i) => h('tr', {},
          h('td', {}, i === 0 ? a.id : ''), h('td', {}, b.id), h('td', {}, b.type), h('td', {}, b.model),
          h('td', {}, b.context_window ?? ''), h('td', {}, `${b.cost_per_1k_in ?? 0} / ${b.cost_per_1k_out ?? 0}`),
          h('td', {}, b.circuit || ''), h('td', {}, b.in_flight ?? '')))))))),
  ]);
  mount(h('h1', {}, 'Models and usage'), usageBox, h('h2', {}, 'Aliases and backends'), list);
  return { ready, stop: () => {} };
}
