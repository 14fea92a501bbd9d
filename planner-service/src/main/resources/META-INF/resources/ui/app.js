import { takeTokenFromFragment, setToken, token } from './api.js';
import { h, mount, problemBox } from './dom.js';
import { jobsView } from './jobs.js';
import { jobView } from './job.js';
import { submitView } from './submit.js';
import { statsView } from './stats.js';
import { workersView } from './workers.js';
import { modelsView } from './models.js';

// Routes: #/jobs, #/jobs/{id}, #/submit, #/stats, #/workers, #/models. Each view returns {ready, stop}; stop() ends its polling or stream.
let current = { stop: () => {} };

function loginView(reason) {
  const input = h('input', { type: 'password', size: 60, placeholder: 'pavu_…', 'aria-label': 'token' });
  mount(h('div', { class: 'login' }, h('h1', {}, 'Sign in'),
    h('p', {}, reason || 'This Pavu asks for a token.'),
    h('p', { class: 'muted' }, 'Paste an API token (pavu token create, or the one `pavu up` printed), or open the link `pavu up` printed.'),
    h('form', { onsubmit: e => { e.preventDefault(); setToken(input.value); route(); } }, input, ' ', h('button', {}, 'Sign in'))));
}

function route() {
  current.stop();
  const [path, query] = (location.hash.replace(/^#/, '') || '/jobs').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === (parts[0] || 'jobs')));
  document.getElementById('who').textContent = token() ? 'signed in with a token' : '';
  if (parts[0] === 'jobs' && parts[1]) current = jobView(decodeURIComponent(parts[1]));
  else if (parts[0] === 'submit') current = submitView();
  else if (parts[0] === 'stats') current = statsView();
  else if (parts[0] === 'workers') current = workersView();
  else if (parts[0] === 'models') current = modelsView();
  else current = jobsView(params);
  current.ready.catch(e => {
    if (e.status === 401) { current.stop(); loginView(token() ? 'The token was refused (expired or revoked?).' : null); }
    else mount(problemBox(e));
  });
}

window.addEventListener('unhandledrejection', ev => {
  if (ev.reason && ev.reason.status === 401) { current.stop(); loginView('The token was refused (expired or revoked?).'); }
});
takeTokenFromFragment();
window.addEventListener('hashchange', route);
route();
