/*
 * A run's detail page: its facts (type, trigger, status, times, counts, message with the technical detail folded
 * away) and the contacts it changed, a page at a time. Data only goes in with textContent.
 */
import { api } from './api.js';
import { beyondText, changeItem } from './changes.js';
import { formatDuration, formatTime, number, STATE_LABELS, typeLabel } from './format.js';

const PAGE = 50;
const app = document.getElementById('app');
const runId = app.getAttribute('data-run-id');
const $ = (id) => document.getElementById(id);

let offset = 0;

function setText(id, text) {
  $(id).textContent = text === null || text === undefined || text === '' ? '–' : String(text);
}

function folded(box, textId, detailsId, detailId, text, detail) {
  $(textId).textContent = text;
  $(detailId).textContent = detail || '';
  $(detailsId).hidden = !detail;
  box.hidden = false;
}

function showError(err) {
  if (err && err.status === 401) { return; }
  const message = err && err.status === 404
    ? 'There is no sync run ' + runId + '. It may belong to another installation; go back to the sync page.'
    : (err && err.message) || 'Something went wrong. Reload the page.';
  folded($('run-notice'), 'run-notice-text', 'run-notice-details', 'run-notice-detail', message,
    err && err.detail ? err.detail : '');
}

function renderRun(r) {
  const state = r.state || r.status;
  const badge = $('run-badge');
  badge.textContent = STATE_LABELS[state] || state;
  badge.className = 'badge badge-' + (STATE_LABELS[state] ? state : 'error');
  const s = r.stats || {};
  setText('run-added', number(s.added));
  setText('run-updated', number(s.updated));
  setText('run-deleted', number(s.deleted));
  setText('run-errors', number(s.errors || 0));
  setText('run-unchanged', number(s.unchanged));
  setText('run-type', typeLabel(r.type) + (r.requested_type && r.requested_type !== r.type
    ? ' (asked for ' + typeLabel(r.requested_type).toLowerCase() + ')' : ''));
  setText('run-trigger', r.trigger === 'scheduled' ? 'Automatic' : 'Manual');
  setText('run-started', formatTime(r.started_at));
  setText('run-completed', state === 'running' ? 'still running' : formatTime(r.completed_at));
  setText('run-duration', formatDuration(r.duration_ms));
  const box = $('run-error');
  if (r.error) {
    box.className = 'alert ' + (state === 'cancelled' || state === 'completed' ? 'alert-warn' : 'alert-error');
    folded(box, 'run-error-text', 'run-error-details', 'run-error-detail', r.error, r.error_detail);
  } else {
    box.hidden = true;
  }
}

function renderChanges(page) {
  const items = page.items || [];
  const total = page.total || 0;
  $('changes-list').replaceChildren(...items.map(changeItem));
  const kind = $('changes-kind').value;
  $('changes-summary').textContent = total === 0
    ? (kind ? 'No changes of this kind are listed.' : 'This run listed no changed contacts.')
    : 'Showing ' + number(offset + 1) + '–' + number(offset + items.length) + ' of ' + number(total) +
      ' listed ' + (total === 1 ? 'change' : 'changes') + ', in the order they were written.';
  $('changes-beyond').textContent = beyondText(page.beyond_cap || 0, 'were');
  $('changes-beyond').hidden = !page.beyond_cap;
  $('changes-prev').disabled = offset === 0;
  $('changes-next').disabled = offset + items.length >= total;
  $('changes-range').textContent = total === 0 ? '' : 'Page ' + (Math.floor(offset / PAGE) + 1) + ' of ' +
    Math.max(1, Math.ceil(total / PAGE));
}

function loadChanges(from) {
  const kind = $('changes-kind').value;
  return api('GET', '/api/sync/runs/' + runId + '/changes?limit=' + PAGE + '&offset=' + from +
    (kind ? '&kind=' + encodeURIComponent(kind) : '')).then((page) => {
    offset = from;
    renderChanges(page);
  }, (err) => {
    $('changes-summary').textContent = 'The list of changes could not be loaded.';
    showError(err);
  });
}

$('changes-prev').addEventListener('click', () => loadChanges(Math.max(0, offset - PAGE)));
$('changes-next').addEventListener('click', () => loadChanges(offset + PAGE));
$('changes-kind').addEventListener('change', () => loadChanges(0));

/** Shows the run; while it is still running, looks again every few seconds (its list grows batch by batch). */
function loadRun(first) {
  return api('GET', '/api/sync/runs/' + runId).then((r) => {
    renderRun(r);
    if ((r.state || r.status) === 'running') { setTimeout(() => loadRun(false), 3000); }
    return loadChanges(first ? 0 : offset);
  }, (err) => {
    if (first) {
      $('run-badge').textContent = 'Unknown';
      $('changes-summary').textContent = '';
    }
    showError(err);
  });
}

loadRun(true);
