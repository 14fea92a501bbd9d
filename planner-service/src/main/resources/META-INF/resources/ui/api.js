// The dashboard speaks only the planner's public HTTP API. A bearer token, when the service asks for one, comes from
// the URL fragment (#token=… as `pavu up` prints it) or the login box, and lives in this tab's sessionStorage only.
const TOKEN_KEY = 'pavu.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN_KEY, t.trim()); else sessionStorage.removeItem(TOKEN_KEY);
}

/** Takes a token from `#token=…` (then removes it from the address bar) and returns the remaining route. */
export function takeTokenFromFragment() {
  const m = location.hash.match(/[#&]token=([^&]+)/);
  if (m) {
    setToken(decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search + '#/jobs');
  }
}

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra = {}) {
  const hs = { ...extra };
  const t = token();
  if (t) hs['Authorization'] = 'Bearer ' + t;
  return hs;
}

async function failure(res) {
  let problem = null;
  let text = '';
  try {
    text = await res.text();
    problem = JSON.parse(text);
  } catch (e) { /* not JSON */ }
  const detail = (problem && (problem.detail || problem.title)) || text || res.statusText;
  return new ApiError(res.status, res.status + ': ' + detail, problem);
}

export async function get(path, accept = 'application/json') {
  const res = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!res.ok) throw await failure(res);
  return accept.includes('json') ? res.json() : res.text();
}

export async function post(path, body) {
  const opts = { method: 'POST', headers: headers({ Accept: 'application/json' }) };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, opts);
  if (!res.ok) throw await failure(res);
  return res.status === 204 ? null : res.json();
}

/**
 * Follows GET /jobs/{id}/events as a server-sent-event stream (fetch, so the Authorization header goes along), calling
 * onEvent for each event after `after`; reconnects after the last seq seen until stop() or until done() says so.
 */
export function followEvents(id, after, onEvent, done) {
  let stopped = false;
  const ctrl = { abort: null };
  (async () => {
    let last = after;
    let failures = 0;
    while (!stopped && !done()) {
      const abort = new AbortController();
      ctrl.abort = abort;
      try {
        const res = await fetch(`/jobs/${encodeURIComponent(id)}/events${last > 0 ? '?after=' + last : ''}`,
          { headers: headers({ Accept: 'text/event-stream' }), signal: abort.signal });
        if (!res.ok) throw await failure(res);
        const reader = res.body.getReader();
        const dec = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
            if (!data) continue;
            const e = JSON.parse(data);
            if (e.seq > last) {
              last = e.seq;
              onEvent(e);
            }
          }
        }
        failures = 0;
      } catch (e) {
        if (stopped) return;
        failures++;
      }
      if (!stopped && !done()) await new Promise(r => setTimeout(r, Math.min(5000, 500 * (failures + 1))));
    }
  })();
  return () => { stopped = true; if (ctrl.abort) ctrl.abort.abort(); };
}
