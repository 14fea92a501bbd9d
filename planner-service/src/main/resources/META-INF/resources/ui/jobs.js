import { get } from './api.js';
import { h, mount, badge, duration, time, problemBox } from './dom.js';

const OUTCOMES = ['', 'running', 'SUCCEEDED', 'EXHAUSTED', 'FAILED', 'CANCELLED'];

/** The jobs list: newest first, filtered by outcome and text, refreshed every few seconds while shown. */
export function jobsView(params) {
  const outcome = h('select', { 'aria-label': 'outcome', onchange: render },
    OUTCOMES.map(o => h('option', { value: o, selected: params.get('outcome') === o }, o || 'any outcome')));
  const text = h('input', { type: 'search', placeholder: 'filter by task, id or source', value: params.get('q') || '', oninput: render });
  const body = h('tbody');
  const status = h('span', { class: 'muted' });
  let jobs = [];
  mount(h('h1', {}, 'Jobs'), h('div', { class: 'filters' }, outcome, text, status),
    h('table', { 'data-testid': 'jobs' }, h('thead', {}, h('tr', {},
      ['Job', 'State', 'Task', 'Source', 'Submitted', 'Time', 'Candidates'].map(c => h('th', {}, c)))), body));

  function matches(j) {
    const o = outcome.value;
    if (o === 'running' && j.outcome) return false;
    if (o && o !== 'running' && j.outcome !== o) return false;
    const q = text.value.trim().toLowerCase();
    if (!q) return true;
    const hay = [j.id, j.task && j.task.text, j.source && (j.source.gitUrl || j.source.commit)].join(' ').toLowerCase();
    return hay.includes(q);
  }

  function render() {
    body.replaceChildren(...jobs.filter(matches).map(j => h('tr', {
      class: 'clickable', 'data-job': j.id, onclick: () => { location.hash = '#/jobs/' + j.id; } },
      h('td', {}, h('a', { href: '#/jobs/' + j.id }, j.id.slice(0, 8))),
      h('td', {}, j.outcome ? badge(j.outcome) : h('span', { class: 'running' }, j.state)),
      h('td', {}, (j.task && j.task.text) || ''),
      h('td', { class: 'muted' }, j.source ? (j.source.gitUrl || 'upload ' + (j.source.commit || '').slice(0, 10)) : ''),
      h('td', {}, time(j.submittedAt)),
      h('td', {}, duration(j.durationMs)),
      h('td', {}, `${j.candidatesVerified ?? 0} verified / ${j.candidatesProposed ?? 0} proposed`))));
    if (!jobs.length) body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No jobs yet: submit one.')));
  }

  async function load() {
    try {
      jobs = await get('/jobs?limit=200');
      status.textContent = jobs.length + ' jobs, updated ' + new Date().toLocaleTimeString();
      render();
    } catch (e) {
      if (e.status === 401) throw e;
      mount(problemBox(e));
    }
  }
  const timer = setInterval(() => load().catch(() => {}), 3000);
  return { ready: load(), stop: () => clearInterval(timer) };
}
