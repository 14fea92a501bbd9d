import { get, post } from './api.js';
import { h, mount, time, problemBox } from './dom.js';

/**
 * Workers and queue (admins): paused or running, who changed it and why, candidates running and queued by priority,
 * one row per verifier worker; a pause/resume button. Refreshes every 2 s. A non-admin gets the API's 403 problem.
 */
export function workersView() {
  let timer = null;
  const body = h('div', { 'data-testid': 'workers' });
  const reason = h('input', { type: 'text', size: 40, placeholder: 'reason (optional)', 'aria-label': 'reason' });
  const message = h('div');

  function render(s) {
    const prio = Object.entries(s.queuedByPriority || {}).map(([p, n]) => `priority ${p}: ${n}`).join(', ');
    body.replaceChildren(
      h('p', {}, 'Workers are ', h('strong', { 'data-testid': 'workers-state' }, s.paused ? 'PAUSED' : 'running'),
        s.changedBy ? ` (since ${time(s.changedAt)}, by ${s.changedBy}${s.reason ? ': ' + s.reason : ''})` : ''),
      h('p', { 'data-testid': 'queue' }, `${s.running} running, ${s.queued} queued` + (prio ? ` (${prio})` : '')),
      h('table', {}, h('thead', {}, h('tr', {}, ['Worker', 'Threads', 'Running', 'Started', 'Last seen'].map(c => h('th', {}, c)))),
        h('tbody', {}, (s.workers || []).map(w => h('tr', {}, h('td', {}, w.worker), h('td', {}, w.threads),
          h('td', {}, (w.running || []).length), h('td', {}, time(w.startedAt)), h('td', {}, time(w.seenAt)))))),
      h('p', {}, reason, ' ',
        h('button', { 'data-testid': s.paused ? 'resume' : 'pause', onclick: () => change(s.paused ? 'resume' : 'pause') },
          s.paused ? 'Resume workers' : 'Pause workers')));
  }

  async function refresh() {
    render(await get('/workers'));
  }

  async function change(action) {
    try {
      render(await post('/workers/' + action, { reason: reason.value || null }));
      message.replaceChildren();
    } catch (e) { message.replaceChildren(problemBox(e)); }
  }

  mount(h('h1', {}, 'Workers and queue'), h('p', { class: 'muted' },
    'Pausing loses nothing: queued candidates wait, the ones running finish.'), body, message);
  const ready = refresh().then(() => { timer = setInterval(() => refresh().catch(e => message.replaceChildren(problemBox(e))), 2000); });
  return { ready, stop: () => clearInterval(timer) };
}
