/*
 * The sync page: status, live progress, start/cancel/preview, history, schedule info, Google account, phones.
 * Data is only ever put into the page with textContent / createElement, never as HTML.
 */
import { api, ApiError } from './api.js';
import { followStatus } from './live.js';
import { followPause } from './pause.js';
import { showPhones } from './phones.js';
import { formatDuration, formatRelative, formatTime, number, scheduleText, STATE_LABELS, typeLabel } from './format.js';
import { beyondText, changeItem } from './changes.js';
import { showRunChart } from './run-chart.js';
import { interleaveConfigEvents } from './timeline.js';

const app = document.getElementById('app');
const ctx = app.getAttribute('data-ctx') || '';
const source = app.getAttribute('data-source') || 'vcard';
const params = new URLSearchParams(window.location.search);
const HISTORY_PAGE = 10;
const readOnly = !!document.querySelector('[data-read-only]'); // a viewer: the buttons that change things are hidden

const $ = (id) => document.getElementById(id);

const stateOf = (s) => (s && (s.state || s.status)) || 'idle';

function setText(id, text) {
  $(id).textContent = text === null || text === undefined || text === '' ? '–' : String(text);
}

// ------------------------------------------------------------------------------------------------ notices

function showNotice(kind, text, detail) {
  const box = $('notice');
  box.className = 'alert alert-' + kind;
  $('notice-text').textContent = text;
  const details = $('notice-details');
  if (detail) {
    $('notice-detail-text').textContent = detail;
    details.hidden = false;
  } else {
    details.hidden = true;
    details.open = false;
  }
  box.hidden = false;
}

function hideNotice() {
  $('notice').hidden = true;
}

function showError(err) {
  if (err && err.status === 401) { return; }
  const message = err && err.message ? err.message : 'Something went wrong. Reload the page.';
  showNotice('error', message, err && err.detail ? err.detail : String(err));
}

$('notice-close').addEventListener('click', hideNotice);

// ------------------------------------------------------------------------------------------------ buttons

function setButton(btn, opts) {
  btn.disabled = !!opts.disabled;
  btn.classList.toggle('loading', !!opts.loading);
  btn.setAttribute('aria-busy', opts.loading ? 'true' : 'false');
  if (opts.label) { btn.querySelector('.btn-label').textContent = opts.label; }
}

let starting = false;
let cancelling = false;
let current = null;        // the last status shown
let receivedAt = 0;        // when it arrived (to let the duration tick while running)

function updateButtons() {
  const running = stateOf(current) === 'running';
  const syncBtn = $('sync-now');
  if (starting) {
    setButton(syncBtn, { disabled: true, loading: true, label: 'Starting…' });
  } else if (running) {
    setButton(syncBtn, { disabled: true, loading: true, label: 'Syncing…' });
  } else {
    setButton(syncBtn, { disabled: false, loading: false, label: 'Sync now' });
  }
  const cancelBtn = $('cancel');
  cancelBtn.hidden = !running;
  if (!running) { cancelling = false; }
  setButton(cancelBtn, cancelling ? { disabled: true, loading: true, label: 'Cancelling…' }
    : { disabled: false, loading: false, label: 'Cancel' });
}

// ------------------------------------------------------------------------------------------------ status

function summaryText(s) {
  const trigger = s.trigger === 'scheduled' ? 'automatic' : 'manual';
  switch (stateOf(s)) {
    case 'idle': return readOnly ? 'No sync has run yet.' : 'No sync has run yet. Press “Sync now” to copy the contacts.';
    case 'running': return 'A ' + (s.type === 'full' ? 'full' : 'changes-only') + ' sync (' + trigger + ') is running.';
    case 'completed': return 'The last sync completed ' + formatRelative(s.completed_at) + '.';
    case 'cancelled': return 'The last sync was cancelled ' + formatRelative(s.completed_at) + '.';
    case 'interrupted': return 'The last sync was interrupted: the server running it stopped before it finished.';
    default: return 'The last sync failed ' + formatRelative(s.completed_at) + '.';
  }
}

function renderDuration() {
  if (!current) { return; }
  let ms = current.duration_ms;
  if (stateOf(current) === 'running' && typeof ms === 'number') {
    ms += Date.now() - receivedAt;
  }
  setText('run-duration', formatDuration(ms));
}

function renderStatus(s) {
  if (!s) { return; }
  const previous = current;
  const state = stateOf(s);
  current = s;
  receivedAt = Date.now();

  const badge = $('state-badge');
  badge.textContent = STATE_LABELS[state] || state;
  badge.className = 'badge badge-' + (STATE_LABELS[state] ? state : 'error');
  $('status-summary').textContent = summaryText(s);

  const running = state === 'running';
  const progress = Math.max(0, Math.min(100, Number(s.progress) || 0));
  $('progress').hidden = !running;
  $('progress-fill').style.width = progress + '%';
  $('progress-bar').setAttribute('aria-valuenow', String(progress));
  $('progress-percent').textContent = progress + '%';
  $('progress-op').textContent = s.current_operation || '';

  const stats = s.stats || {};
  const hasRun = state !== 'idle';
  setText('stat-added', hasRun ? number(stats.added) : '–');
  setText('stat-updated', hasRun ? number(stats.updated) : '–');
  setText('stat-deleted', hasRun ? number(stats.deleted) : '–');
  setText('stat-errors', hasRun ? number(stats.errors || 0) : '–');
  setText('run-type', hasRun ? typeLabel(s.type) : '–');
  setText('run-started', formatTime(s.started_at));
  setText('run-completed', running ? 'still running' : formatTime(s.completed_at));
  renderDuration();

  const errBox = $('run-error');
  if (s.error && !running) {
    errBox.className = 'alert ' + (state === 'cancelled' || state === 'completed' ? 'alert-warn' : 'alert-error');
    $('run-error-text').textContent = s.error;
    const det = $('run-error-details');
    if (s.error_detail) {
      $('run-error-detail').textContent = s.error_detail;
      det.hidden = false;
    } else {
      det.hidden = true;
    }
    errBox.hidden = false;
  } else {
    errBox.hidden = true;
  }

  if (running) { starting = false; }
  updateButtons();

  const runChanged = previous && previous.run_id !== s.run_id;
  if (previous && ((stateOf(previous) === 'running' && !running) || runChanged)) {
    // A run ended or a new one appeared: show it in the history and the overview at once.
    loadHistory(historyOffset);
    loadInfo();
  }
  live.statusShown();
}

function loadStatus() {
  return api('GET', '/api/sync/status').then(renderStatus, (err) => {
    showError(err);
    live.pollLater();
  });
}

const live = followStatus({
  url: ctx + '/api/sync/events',
  load: loadStatus,
  onStatus: renderStatus,
  busy: () => starting || stateOf(current) === 'running',
  showMode: (text) => { $('info-live').textContent = text; },
  pollOnly: params.get('live') === 'poll'
});

// ------------------------------------------------------------------------------------------------ actions

function selectedFull() {
  const checked = document.querySelector('input[name="sync-type"]:checked');
  return !!checked && checked.value === 'full';
}

$('sync-now').addEventListener('click', () => {
  if (starting || stateOf(current) === 'running') { return; }
  hideNotice();
  starting = true;
  updateButtons();
  live.pollLater();
  api('POST', '/api/sync/trigger?force_full=' + selectedFull()).then((started) => {
    // Show the run at once; the live stream fills in its progress.
    if (stateOf(current) !== 'running') {
      renderStatus({ status: 'running', state: 'running', progress: 0, current_operation: 'Starting…',
        stats: { added: 0, updated: 0, deleted: 0, errors: 0 }, started_at: new Date().toISOString(),
        completed_at: null, error: null, run_id: started && started.run_id, type: started && started.type,
        trigger: 'manual', duration_ms: 0 });
    }
    starting = false;
    loadStatus();
  }, (err) => {
    starting = false;
    if (err.status === 409) {
      showNotice('info', 'A sync is already running. Showing its progress.', null);
      loadStatus();
    } else {
      updateButtons();
      showError(err);
    }
  });
});

$('cancel').addEventListener('click', () => {
  cancelling = true;
  updateButtons();
  api('POST', '/api/sync/cancel').then(() => {
    showNotice('info', 'Cancel requested. The sync stops after the contacts it is saving now.', null);
    loadStatus();
  }, (err) => {
    cancelling = false;
    updateButtons();
    if (err.status === 409) {
      showNotice('info', 'The sync had already finished.', null);
      loadStatus();
    } else {
      showError(err);
    }
  });
});

function renderPreview(p) {
  const stats = p.stats || {};
  $('preview-type').textContent = '(' + typeLabel(p.type).toLowerCase() + ' sync, nothing was changed)';
  const total = (stats.added || 0) + (stats.updated || 0) + (stats.deleted || 0);
  $('preview-summary').textContent = total === 0
    ? 'A sync now would change nothing: the local copy matches the source.'
    : 'A sync now would add ' + number(stats.added || 0) + ', update ' + number(stats.updated || 0) +
      ' and delete ' + number(stats.deleted || 0) + ' contacts' +
      (stats.errors ? ' (' + number(stats.errors) + ' could not be read)' : '') + '.';
  $('preview-list').replaceChildren(...(p.changes || []).map(changeItem));
  const more = $('preview-more');
  more.hidden = !p.truncated;
  more.textContent = p.truncated ? beyondText(p.beyond_cap || 0, 'would be') : '';
  $('preview-result').hidden = false;
}

$('preview').addEventListener('click', () => {
  const btn = $('preview');
  setButton(btn, { disabled: true, loading: true, label: 'Checking the source…' });
  hideNotice();
  api('POST', '/api/sync/preview?force_full=' + selectedFull()).then(renderPreview, showError).then(() => {
    setButton(btn, { disabled: false, loading: false, label: 'Preview changes' });
  });
});

// ------------------------------------------------------------------------------------------------ history

let historyOffset = 0;
let newestSeenId = null;

function cell(row, label, text, className) {
  const td = document.createElement('td');
  td.setAttribute('data-label', label);
  if (className) { td.className = className; }
  td.textContent = text === null || text === undefined || text === '' ? '–' : String(text);
  row.appendChild(td);
  return td;
}

function historyRow(r, offset) {
  const tr = document.createElement('tr');
  tr.setAttribute('data-run-id', String(r.id));
  if (offset === 0 && newestSeenId !== null && r.id > newestSeenId) { tr.className = 'new'; }
  const started = cell(tr, 'Started', '');
  const link = document.createElement('a');
  link.href = ctx + '/runs/' + encodeURIComponent(r.id);
  link.textContent = formatTime(r.started_at);
  link.setAttribute('aria-label', 'Run ' + r.id + ' started ' + link.textContent + ': details and changed contacts');
  started.replaceChildren(link);
  cell(tr, 'Type', typeLabel(r.type));
  cell(tr, 'Trigger', r.trigger === 'scheduled' ? 'Automatic' : 'Manual');
  const st = r.state || r.status;
  const statusCell = cell(tr, 'Status', '');
  statusCell.textContent = '';
  const badge = document.createElement('span');
  badge.className = 'badge badge-' + (STATE_LABELS[st] ? st : 'error');
  badge.textContent = STATE_LABELS[st] || st;
  statusCell.appendChild(badge);
  cell(tr, 'Added', number(r.contacts_added), 'num');
  cell(tr, 'Updated', number(r.contacts_updated), 'num');
  cell(tr, 'Deleted', number(r.contacts_deleted), 'num');
  cell(tr, 'Errors', number(r.errors || 0), 'num');
  cell(tr, 'Duration', st === 'running' ? 'running' : formatDuration(r.duration_ms));
  cell(tr, 'Message', r.error || '', 'msg');
  return tr;
}

function loadHistory(offset) {
  return api('GET', '/api/sync/history?limit=' + HISTORY_PAGE + '&offset=' + offset).then((data) => {
    historyOffset = offset;
    const items = data.history || [];
    $('history-body').replaceChildren(...items.map((r) => historyRow(r, offset)));
    interleaveConfigEvents($('history-body'), items, offset, data.total || 0, formatTime);
    if (offset === 0 && items.length) {
      newestSeenId = Math.max(newestSeenId || 0, items[0].id);
    }
    const total = data.total || 0;
    $('history-empty').hidden = total > 0;
    $('history').hidden = total === 0;
    $('history-newer').disabled = offset === 0;
    $('history-older').disabled = offset + items.length >= total;
    $('history-range').textContent = total === 0 ? '' :
      (offset + 1) + '–' + (offset + items.length) + ' of ' + number(total);
    showRunChart($('history-chart'));
  }, showError);
}

$('history-newer').addEventListener('click', () => loadHistory(Math.max(0, historyOffset - HISTORY_PAGE)));
$('history-older').addEventListener('click', () => loadHistory(historyOffset + HISTORY_PAGE));

// ------------------------------------------------------------------------------------------------ overview

function loadInfo() {
  return api('GET', '/api/sync/info').then((info) => {
    const automatic = info.sync_type === 'automatic';
    setText('info-mode', automatic ? 'Automatic' : 'Manual only');
    setText('info-interval', scheduleText(info));
    setText('info-last', info.last_sync ? formatTime(info.last_sync) + ' (' + formatRelative(info.last_sync) + ')' : 'never');
    setText('info-next', automatic && info.next_sync ? formatTime(info.next_sync) + ' (' + formatRelative(info.next_sync) + ')'
      : (automatic ? 'soon' : 'only when started here'));
    setText('info-total', number(info.total_contacts));
  }, showError);
}

// ------------------------------------------------------------------------------------------------ Google

function loadGoogle() {
  api('GET', '/api/google/status').then((g) => {
    const connected = !!(g && g.connected);
    let text = connected
      ? 'Connected' + (g.account_email ? ' as ' + g.account_email : '') +
        (g.connected_at ? ' since ' + formatTime(g.connected_at) : '') + '.'
      : 'Not connected. Connect the Google account whose contacts should be synced.';
    if (g && g.configured === false) {
      text = 'No Google OAuth client is configured. Set contactsync.google.client-id and client-secret.';
    }
    $('google-status').textContent = text;
    $('google-connect').hidden = connected;
    $('google-disconnect').hidden = !connected;
  }, (err) => {
    $('google-status').textContent = 'Could not check the Google account.';
    showError(err);
  });
}

function setUpGoogle() {
  $('google-connect').addEventListener('click', () => {
    const btn = $('google-connect');
    btn.disabled = true;
    api('POST', '/api/google/connect').then((r) => {
      const url = r && r.authorization_url;
      if (url && /^https?:\/\//.test(url)) {
        window.location.assign(url);
      } else {
        throw new ApiError('The server did not say where to connect the Google account.', 0, JSON.stringify(r), r);
      }
    }).catch((err) => {
      btn.disabled = false;
      showError(err);
    });
  });
  $('google-disconnect').addEventListener('click', () => {
    if (!window.confirm('Disconnect the Google account? Syncs stop until it is connected again; the contacts already copied stay.')) {
      return;
    }
    const btn = $('google-disconnect');
    btn.disabled = true;
    api('POST', '/api/google/disconnect').then(() => {
      showNotice('info', 'The Google account was disconnected.', null);
    }, showError).then(() => {
      btn.disabled = false;
      loadGoogle();
    });
  });
  if (params.get('google') === 'connected') {
    showNotice('info', 'The Google account is connected. Start a sync to copy its contacts.', null);
  } else if (params.get('google_error')) {
    showNotice('error', params.get('google_error'), null);
  }
  loadGoogle();
}

// ------------------------------------------------------------------------------------------------ start

setInterval(renderDuration, 1000);
updateButtons();
loadStatus().then(() => live.start());
loadHistory(0);
loadInfo();
if (source === 'google') { setUpGoogle(); }
followPause();
showPhones();
// The overview's relative times and the next scheduled sync move on by themselves.
setInterval(loadInfo, 60000);
