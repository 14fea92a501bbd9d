import { get, post, followEvents } from './api.js';
import { h, mount, badge, duration, time, problemBox } from './dom.js';
import { sideBySide } from './diff.js';

const short = t => (t || '').replace(/^pavu\./, '').replace(/\.v\d+$/, '');

/** One line a person reads for an event of the job's timeline. */
export function summary(e) {
  const p = e.payload || {};
  switch (short(e.type)) {
    case 'job.submitted': return 'submitted: ' + ((p.task && p.task.text) || '');
    case 'plan.proposed': return `plan ${p.kind || ''} (iteration ${e.iteration}): ${(p.locations || []).length} suspicious locations`
      + (p.decision ? `, decision ${p.decision.strategy}` : '');
    case 'candidates.proposed': return p.note || `${p.candidateCount} candidates`;
    case 'diff.proposed': return p.diff ? `candidate ${p.candidateIndex ?? ''} ${p.pattern || ''}: ${p.description || ''}` : 'baseline run (empty patch)';
    case 'verdict.issued': return `${p.verdict} ${p.diff ? (p.pattern || '') : 'baseline'}: ${p.reason || ''} (${duration(p.durationMs)})`;
    case 'job.concluded': return `${p.outcome}: ${p.reason || ''}`;
    case 'job.cancelled': return 'cancel requested';
    default: return short(e.type);
  }
}

/** The job page: header, live timeline (SSE), localisation, decision, candidates with verdicts, patch side by side. */
export function jobView(id) {
  const state = { events: [], diffs: new Map(), verdicts: new Map(), plan: null, concluded: null };
  const header = h('div');
  const timeline = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
  const locations = h('div');
  const decision = h('div');
  const candidates = h('div');
  const patch = h('div', { 'data-testid': 'patch' });
  const report = h('div');
  mount(header, h('h2', {}, 'Timeline'), timeline,
    h('div', { class: 'grid2' }, h('div', {}, h('h2', {}, 'Fault localisation'), locations),
      h('div', {}, h('h2', {}, 'Decision'), decision)),
    h('h2', {}, 'Candidates and verdicts'), candidates, h('h2', {}, 'Patch'), patch, report);

  let view = null;
  async function refreshHeader() {
    view = await get('/jobs/' + encodeURIComponent(id));
    const running = !view.outcome;
    header.replaceChildren(
      h('h1', {}, 'Job ', h('code', {}, view.id), ' ', view.outcome ? badge(view.outcome) : h('span', { class: 'running', 'data-testid': 'state' }, view.state)),
      h('table', { class: 'kv' }, h('tbody', {},
        h('tr', {}, h('td', {}, 'Task'), h('td', {}, (view.task && view.task.text) || '')),
        h('tr', {}, h('td', {}, 'Kind'), h('td', {}, (view.task && view.task.kind) || '')),
        h('tr', {}, h('td', {}, 'Source'), h('td', {}, view.source ? (view.source.gitUrl || 'uploaded') + ' @ ' + (view.source.commit || '…') : '')),
        h('tr', {}, h('td', {}, 'Reason'), h('td', { 'data-testid': 'reason' }, view.reason || (running ? 'running…' : ''))),
        h('tr', {}, h('td', {}, 'Time'), h('td', {}, duration(view.durationMs) + ' (submitted ' + time(view.submittedAt) + ')')),
        h('tr', {}, h('td', {}, 'Candidates'), h('td', {}, `${view.candidatesVerified} verified, ${view.candidatesFailed} failed, ${view.candidatesProposed} proposed, ${view.iterations} iterations`)))),
      h('p', {},
        running ? h('button', { class: 'secondary', onclick: cancel }, 'Cancel job') : null, ' ',
        h('button', { class: 'secondary', onclick: showReport }, 'Report'), ' ',
        view.hasPatch ? h('button', { class: 'secondary', onclick: downloadPatch }, 'Download patch') : null));
  }

  async function cancel() {
    try { await post('/jobs/' + encodeURIComponent(id) + '/cancel'); await refreshHeader(); }
    catch (e) { header.append(problemBox(e)); }
  }

  async function showReport() {
    try {
      // the HTML report in a sandboxed frame: no scripts, its own origin; the page itself escapes the job's text
      const frame = h('iframe', { sandbox: '', 'data-testid': 'report', style: 'width:100%;height:40rem;border:1px solid #d8dee4' });
      frame.srcdoc = await get('/jobs/' + encodeURIComponent(id) + '/report', 'text/html');
      report.replaceChildren(h('h2', {}, 'Report'), frame);
      report.scrollIntoView();
    }
    catch (e) { report.replaceChildren(problemBox(e)); }
  }

  async function downloadPatch() {
    const text = await get('/jobs/' + encodeURIComponent(id) + '/patch', 'text/x-diff');
    const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/x-diff' })), download: `pavu-${id}.diff` });
    a.click();
  }

  function onEvent(e) {
    state.events.push(e);
    const p = e.payload || {};
    const type = short(e.type);
    if (type === 'plan.proposed' && p.kind !== 'BASELINE') state.plan = p;
    if (type === 'diff.proposed') state.diffs.set(p.candidateId, { ...p, iteration: e.iteration });
    if (type === 'verdict.issued') state.verdicts.set(p.candidateId, p);
    if (type === 'job.concluded') state.concluded = p;
    placeInTimeline(h('li', { 'data-type': type, 'data-at': String(Date.parse(e.occurredAt) || 0) },
      h('span', { class: 't' }, time(e.occurredAt)), summary(e)));
    renderDetails();
    if (type === 'job.concluded') refreshHeader().catch(() => {});
  }

  /**
   * The audit log stores events in the order they reached the Updater, which differs across topics (a plan may
   * arrive before the submission that caused it): the timeline shows them in the order they occurred, ties by arrival.
   */
  function placeInTimeline(li) {
    const at = Number(li.dataset.at);
    const later = [...timeline.children].find(other => Number(other.dataset.at) > at);
    timeline.insertBefore(li, later || null);
    timeline.scrollTop = timeline.scrollHeight;
  }

  function renderDetails() {
    const plan = state.plan;
    locations.replaceChildren(!plan ? h('p', { class: 'muted' }, 'After the baseline run.') :
      h('table', { 'data-testid': 'locations' }, h('thead', {}, h('tr', {}, ['#', 'Statement', 'Method', 'Suspiciousness', 'Evidence'].map(c => h('th', {}, c)))),
        h('tbody', {}, (plan.locations || []).slice(0, 15).map((l, i) => h('tr', {},
          h('td', {}, i + 1), h('td', {}, `${l.file}:${l.line}`), h('td', {}, l.methodName || ''),
          h('td', {}, typeof l.score === 'number' ? l.score.toFixed(3) : ''), h('td', {}, l.evidence || ''))))));
    const d = plan && plan.decision;
    decision.replaceChildren(!d ? h('p', { class: 'muted' }, 'No decision recorded yet.') : h('div', {},
      h('p', {}, h('strong', {}, d.strategy), ' — ', d.rationale || ''),
      h('table', { class: 'kv' }, h('tbody', {}, Object.entries(d.numbers || {}).map(([k, v]) =>
        h('tr', {}, h('td', {}, k), h('td', {}, typeof v === 'number' ? +v.toFixed(4) : String(v))))))));
    const rows = [...state.diffs.values()].filter(c => c.diff).map(c => {
      const v = state.verdicts.get(c.candidateId);
      return h('tr', { class: 'clickable', onclick: () => showDiff(c) },
        h('td', {}, c.iteration), h('td', {}, c.pattern || c.proposer || ''), h('td', {}, c.description || ''),
        h('td', {}, v ? badge(v.verdict) : h('span', { class: 'muted' }, 'waiting')),
        h('td', {}, v ? v.reason || '' : ''), h('td', {}, v ? duration(v.durationMs) : ''));
    });
    candidates.replaceChildren(rows.length ? h('table', { 'data-testid': 'candidates' }, h('thead', {}, h('tr', {},
      ['Iteration', 'Pattern', 'Change', 'Verdict', 'Why', 'Time'].map(c => h('th', {}, c)))), h('tbody', {}, rows))
      : h('p', { class: 'muted' }, 'No candidate yet.'));
    const c = state.concluded;
    if (c && c.patch) patch.replaceChildren(h('p', {}, 'The verified patch:'), sideBySide(c.patch));
    else if (c) patch.replaceChildren(h('p', { class: 'muted' }, 'No patch: ' + (c.reason || c.outcome)));
    else if (!patch.firstChild) patch.replaceChildren(h('p', { class: 'muted' }, 'Not found yet.'));
  }

  function showDiff(c) {
    patch.replaceChildren(h('p', {}, `Candidate ${c.pattern || ''}: ${c.description || ''} `,
      h('button', { class: 'secondary', onclick: () => { patch.replaceChildren(); renderDetails(); } }, 'Back to the verified patch')), sideBySide(c.diff));
    patch.scrollIntoView();
  }

  const ready = refreshHeader().then(() => renderDetails());
  const stop = followEvents(id, 0, onEvent, () => state.concluded !== null);
  return { ready, stop };
}
