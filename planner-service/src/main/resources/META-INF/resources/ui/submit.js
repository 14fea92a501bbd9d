import { post } from './api.js';
import { h, mount, problemBox } from './dom.js';

const LINTERS = ['checkstyle', 'spotbugs', 'ruff', 'mypy'];

/** The submit form: an uploaded zip or git bundle, or a git URL; task, kind, gates, models and budget. */
export function submitView() {
  const f = {
    upload: h('input', { type: 'file', name: 'upload', accept: '.zip,.bundle,application/zip', 'data-testid': 'upload' }),
    gitUrl: h('input', { type: 'url', name: 'gitUrl', placeholder: 'https://git.example.com/team/lib.git', size: 50 }),
    ref: h('input', { type: 'text', name: 'ref', placeholder: 'main' }),
    task: h('input', { type: 'text', name: 'task', value: 'make the failing tests pass', size: 60 }),
    kind: h('select', { name: 'kind' }, ['REPAIR', 'IMPLEMENT', 'FIX_LOG'].map(k => h('option', { value: k }, k))),
    errorLog: h('textarea', { name: 'errorLog', rows: 4, cols: 80, placeholder: 'for FIX_LOG: the log with the error' }),
    testCommand: h('input', { type: 'text', name: 'testCommand', placeholder: 'detected (e.g. mvn test)', size: 40 }),
    models: h('input', { type: 'text', name: 'models', placeholder: 'proposer=coder', size: 40 }),
    testsFirst: h('input', { type: 'checkbox', name: 'testsFirst', checked: true }),
    allowTestEdits: h('input', { type: 'checkbox', name: 'allowTestEdits' }),
    allowBuildEdits: h('input', { type: 'checkbox', name: 'allowBuildEdits' }),
    maxCandidates: h('input', { type: 'number', name: 'maxCandidates', min: 1, placeholder: '200' }),
    jobTimeout: h('input', { type: 'number', name: 'jobTimeout', min: 1, placeholder: '1800' }),
  };
  const linters = LINTERS.map(l => h('label', { style: 'font-weight:normal;margin-right:1rem' }, h('input', { type: 'checkbox', value: l }), ' ' + l));
  const out = h('div');
  const button = h('button', { type: 'submit', 'data-testid': 'submit' }, 'Submit job');
  const form = h('form', { class: 'submit', onsubmit: send },
    h('label', {}, 'Project (zip or bundle)'), f.upload,
    h('div', { class: 'hint' }, 'A .zip of the project folder, or a git bundle (git bundle create repo.bundle --all). Or give a git URL:'),
    h('label', {}, 'Git URL'), h('div', {}, f.gitUrl, ' ref ', f.ref),
    h('label', {}, 'Task'), f.task,
    h('label', {}, 'Kind'), f.kind,
    h('label', {}, 'Error log'), f.errorLog,
    h('label', {}, 'Test command'), f.testCommand,
    h('label', {}, 'Models'), f.models,
    h('div', { class: 'hint' }, 'role=alias pairs of the model gateway, comma-separated; empty = fix patterns only.'),
    h('label', {}, 'Linters'), h('div', {}, linters),
    h('label', {}, 'Gates'), h('div', {},
      h('label', { style: 'font-weight:normal' }, f.testsFirst, ' failing tests first'), ' ',
      h('label', { style: 'font-weight:normal' }, f.allowTestEdits, ' allow test edits'), ' ',
      h('label', { style: 'font-weight:normal' }, f.allowBuildEdits, ' allow build edits')),
    h('label', {}, 'Budget'), h('div', {}, 'max candidates ', f.maxCandidates, ' job timeout (s) ', f.jobTimeout),
    h('span'), h('div', {}, button));
  mount(h('h1', {}, 'Submit a job'), form, out);

  function request() {
    const job = { task: f.task.value.trim() || 'make the failing tests pass', kind: f.kind.value };
    if (f.errorLog.value.trim()) job.errorLog = f.errorLog.value;
    if (f.testCommand.value.trim()) job.testCommand = f.testCommand.value.trim();
    const models = {};
    for (const pair of f.models.value.split(',').map(s => s.trim()).filter(Boolean)) {
      const [role, alias] = pair.split('=').map(s => (s || '').trim());
      if (!role || !alias) throw new Error(`models: '${pair}' is not role=alias`);
      models[role] = alias;
    }
    if (Object.keys(models).length) job.models = models;
    const chosen = linters.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
    job.gates = { linters: chosen, testsFirst: f.testsFirst.checked, allowTestEdits: f.allowTestEdits.checked, allowBuildEdits: f.allowBuildEdits.checked };
    const budget = {};
    if (f.maxCandidates.value) budget.maxCandidates = +f.maxCandidates.value;
    if (f.jobTimeout.value) budget.jobTimeoutMs = +f.jobTimeout.value * 1000;
    if (Object.keys(budget).length) job.budget = budget;
    return job;
  }

  async function send(ev) {
    ev.preventDefault();
    out.replaceChildren();
    button.disabled = true;
    try {
      const job = request();
      let accepted;
      if (f.upload.files.length) {
        const data = new FormData();
        data.append('bundle', f.upload.files[0]);
        data.append('job', JSON.stringify(job));
        accepted = await post('/jobs', data);
      } else if (f.gitUrl.value.trim()) {
        job.source = { gitUrl: f.gitUrl.value.trim() };
        if (f.ref.value.trim()) job.source.ref = f.ref.value.trim();
        accepted = await post('/jobs', job);
      } else {
        throw new Error('choose a zip or bundle to upload, or give a git URL');
      }
      location.hash = '#/jobs/' + accepted.id;
    } catch (e) {
      if (e.status === 401) throw e;
      out.replaceChildren(problemBox(e));
    } finally {
      button.disabled = false;
    }
  }
  return { ready: Promise.resolve(), stop: () => {} };
}
