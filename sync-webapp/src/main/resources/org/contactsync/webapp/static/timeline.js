/*
 * Configuration changes in the history: the source, group selection, the Google account, pausing and resuming,
 * each with who did it, shown between the runs they happened between. Reads /api/sync/timeline; the history table
 * itself stays sync-page.js's. Text goes in with textContent only.
 */
import { api } from './api.js';

const PAGE = 100;
const MAX_PAGES = 20;
const COLUMNS = 10;

let generation = 0;

function byWhom(actor) {
  if (actor === 'system') { return 'automatically'; }
  if (actor === 'configuration') { return 'in the configuration, found at start'; }
  return 'by ' + actor;
}

function changeRow(change, at, formatTime) {
  const tr = document.createElement('tr');
  tr.className = 'config-event';
  tr.setAttribute('data-config-kind', change.kind);
  const when = document.createElement('td');
  when.setAttribute('data-label', 'Changed');
  when.textContent = formatTime(at);
  const what = document.createElement('td');
  what.setAttribute('data-label', 'Change');
  what.colSpan = COLUMNS - 1;
  what.textContent = change.summary + ' (' + byWhom(change.actor) + ')';
  tr.append(when, what);
  return tr;
}

/** The timeline's changes made at or after `from` and before `until` (null: no bound), newest first. */
async function changesBetween(from, until) {
  const found = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await api('GET', '/api/sync/timeline?limit=' + PAGE + '&offset=' + (page * PAGE));
    const items = data.timeline || [];
    for (const item of items) {
      const at = Date.parse(item.at);
      if (from !== null && at < from) { return found; }
      if (item.type === 'config' && (until === null || at < until)) { found.push(item); }
    }
    if (items.length < PAGE || (page + 1) * PAGE >= data.total) { return found; }
  }
  return found;
}

/**
 * Puts the configuration changes that belong to this page of the history between its run rows: those since the
 * oldest run shown (all older ones on the last page), up to the run just newer than the page (none on the first).
 *
 * @param body   the history's tbody, its rows carrying data-run-id
 * @param runs   the runs shown, newest first (the history's items)
 * @param offset the page's offset in the history
 * @param total  how many runs there are
 * @param formatTime how the page writes times
 */
export async function interleaveConfigEvents(body, runs, offset, total, formatTime) {
  const mine = ++generation;
  if (!runs.length) { return; }
  const lastPage = offset + runs.length >= total;
  const from = lastPage ? null : Date.parse(runs[runs.length - 1].started_at);
  let until = null;
  try {
    if (offset > 0) {
      const newer = await api('GET', '/api/sync/history?limit=1&offset=' + (offset - 1));
      const run = (newer.history || [])[0];
      until = run ? Date.parse(run.started_at) : null;
    }
    const changes = await changesBetween(from, until);
    if (mine !== generation) { return; } // the history was shown again meanwhile
    const started = new Map(runs.map((r) => [String(r.id), Date.parse(r.started_at)]));
    for (const item of changes) {
      const at = Date.parse(item.at);
      const next = Array.from(body.querySelectorAll('tr[data-run-id]'))
        .find((tr) => started.get(tr.getAttribute('data-run-id')) < at);
      body.insertBefore(changeRow(item.config, item.at, formatTime), next || null);
    }
  } catch (e) {
    // The runs are shown already; the changes are extra, and the status card reports a failing server.
  }
}
