/*
 * The history's chart of the last runs: one column per run, oldest on the left; its duration as a bar above the
 * axis (coloured by how the run ended) and the contacts it changed as a bar below. Drawn as inline SVG without a
 * chart library; every text goes in with textContent. The SVG stretches to its box, so it has no text of its own:
 * the legend and the scale are HTML next to it, and each column's <title> says what it shows.
 */
import { api } from './api.js';
import { formatDuration, formatTime, number, STATE_LABELS } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const RUNS = 30;
const WIDTH = 300;
const HALF = 50;
const GAP = 2;

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, String(v)));
  return el;
}

function changesOf(r) {
  return (r.contacts_added || 0) + (r.contacts_updated || 0) + (r.contacts_deleted || 0);
}

function titleOf(r) {
  const state = r.state || r.status;
  return 'Run ' + r.id + ', ' + formatTime(r.started_at) + ': ' + (STATE_LABELS[state] || state) + ', ' +
    (state === 'running' ? 'still running' : formatDuration(r.duration_ms)) + ', ' + number(changesOf(r)) +
    ' contacts changed';
}

/** Draws the runs (newest first, as the history lists them) into the figure; an empty list hides it. */
export function drawRunChart(figure, runs) {
  const ordered = runs.slice(0, RUNS).reverse();
  figure.hidden = ordered.length === 0;
  if (!ordered.length) { return; }
  const longest = Math.max(1, ...ordered.map((r) => r.duration_ms || 0));
  const most = Math.max(1, ...ordered.map(changesOf));
  const slot = WIDTH / RUNS;
  const chart = svg('svg', { viewBox: '0 0 ' + WIDTH + ' ' + (2 * HALF + 1), preserveAspectRatio: 'none',
    role: 'img', 'aria-labelledby': 'run-chart-title run-chart-desc', class: 'run-chart-svg', focusable: 'false' });
  const title = svg('title', { id: 'run-chart-title' });
  title.textContent = 'Duration and changed contacts of the last ' + ordered.length + ' runs';
  const desc = svg('desc', { id: 'run-chart-desc' });
  desc.textContent = 'Oldest on the left. Bars above the line: duration (longest ' + formatDuration(longest) +
    '). Bars below: contacts changed (most ' + number(most) + ').';
  chart.append(title, desc);
  chart.appendChild(svg('line', { x1: 0, x2: WIDTH, y1: HALF + 0.5, y2: HALF + 0.5, class: 'run-chart-axis' }));
  ordered.forEach((r, i) => {
    const state = r.state || r.status;
    const x = (RUNS - ordered.length + i) * slot + GAP / 2;
    const column = svg('g', { class: 'run-chart-run', 'data-run-id': r.id });
    const tip = svg('title');
    tip.textContent = titleOf(r);
    column.appendChild(tip);
    // A whole-height, transparent target so every column has its tooltip, also one with two tiny bars.
    column.appendChild(svg('rect', { x, y: 0, width: slot - GAP, height: 2 * HALF + 1, class: 'run-chart-hit' }));
    const d = Math.max(1, Math.round((r.duration_ms || 0) / longest * (HALF - 2)));
    column.appendChild(svg('rect', { x, y: HALF - d, width: slot - GAP, height: d,
      class: 'run-chart-duration run-chart-' + (STATE_LABELS[state] ? state : 'error') }));
    const c = changesOf(r);
    if (c > 0) {
      const h = Math.max(1, Math.round(c / most * (HALF - 2)));
      column.appendChild(svg('rect', { x, y: HALF + 1, width: slot - GAP, height: h, class: 'run-chart-changes' }));
    }
    chart.appendChild(column);
  });
  figure.querySelector('.run-chart-plot').replaceChildren(chart);
  figure.querySelector('.run-chart-longest').textContent = formatDuration(longest);
  figure.querySelector('.run-chart-most').textContent = number(most);
}

/** Loads the last runs and draws them; a failure leaves the chart as it was (the history shows the error). */
export function showRunChart(figure) {
  return api('GET', '/api/sync/history?limit=' + RUNS + '&offset=0')
    .then((data) => drawRunChart(figure, (data && data.history) || []), () => {});
}
