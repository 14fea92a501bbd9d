import { get } from './api.js';
import { h, mount, duration } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** A bar chart of values (each {label, value, text}); the tallest bar, or `top` when given, fills the height. */
export function bars(points, color, top) {
  const W = 600, H = 200, pad = 24;
  const max = top || Math.max(1, ...points.map(p => p.value));
  const w = points.length ? (W - pad) / points.length : 0;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  chart.append(svg('line', { x1: pad, y1: H - pad, x2: W, y2: H - pad, stroke: '#999' }));
  points.forEach((p, i) => {
    const bh = (H - 2 * pad) * p.value / max;
    const bar = svg('rect', { x: pad + i * w + 1, y: H - pad - bh, width: Math.max(1, w - 2), height: bh, fill: color, 'data-value': p.value });
    bar.append(svg('title', {}, `${p.label}: ${p.text ?? p.value}`));
    chart.append(bar);
  });
  chart.append(svg('text', { x: 2, y: pad - 8, 'font-size': 11, fill: '#666' }, top ? 'scale 0–' + top : 'max ' + (points.length ? (points.find(p => p.value === max) || {}).text ?? max : 0)));
  if (!points.length) chart.append(svg('text', { x: W / 2 - 40, y: H / 2, fill: '#999' }, 'no data yet'));
  return chart;
}

/** Charts over the last 200 jobs: success rate by day, time to patch and candidates per job. */
export function statsView() {
  const ready = get('/jobs?limit=200').then(jobs => {
    const done = jobs.filter(j => j.outcome).sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
    const byDay = new Map();
    for (const j of done) {
      const day = (j.submittedAt || '').slice(0, 10);
      const d = byDay.get(day) || { ok: 0, all: 0 };
      d.all++; if (j.outcome === 'SUCCEEDED') d.ok++;
      byDay.set(day, d);
    }
    const rate = [...byDay.entries()].map(([day, d]) => ({ label: day, value: Math.round(100 * d.ok / d.all), text: `${d.ok}/${d.all} succeeded` }));
    const ok = done.filter(j => j.outcome === 'SUCCEEDED');
    const ttp = ok.map(j => ({ label: j.id.slice(0, 8), value: j.durationMs, text: duration(j.durationMs) }));
    const cands = done.map(j => ({ label: j.id.slice(0, 8), value: j.candidatesVerified || 0 }));
    const total = done.length ? Math.round(100 * ok.length / done.length) : 0;
    const median = a => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
    mount(h('h1', {}, 'Charts'),
      h('p', { 'data-testid': 'summary' }, `${done.length} concluded jobs, ${total}% succeeded; median time to patch `
        + `${duration(median(ok.map(j => j.durationMs))) || '–'}; median candidates per job ${median(cands.map(c => c.value)) ?? '–'}.`),
      h('div', { class: 'charts' },
        h('div', { class: 'chart' }, h('h2', {}, 'Success rate by day (%)'), bars(rate, '#1a7f37', 100)),
        h('div', { class: 'chart' }, h('h2', {}, 'Time to patch per succeeded job'), bars(ttp, '#0969da')),
        h('div', { class: 'chart' }, h('h2', {}, 'Candidates verified per job'), bars(cands, '#9a6700'))));
  });
  return { ready, stop: () => {} };
}
