/*
 * The sync page: status, live progress, start/cancel/preview, history, schedule info, Google account.
 * Data is only ever put into the page with textContent / createElement, never as HTML.
 */
(function () {
  'use strict';

  var app = document.getElementById('app');
  if (!app) { return; }
  var ctx = app.getAttribute('data-ctx') || '';
  var source = app.getAttribute('data-source') || 'vcard';
  var params = new URLSearchParams(window.location.search);

  var POLL_RUNNING_MS = 2500;
  var POLL_IDLE_MS = 15000;
  var HISTORY_PAGE = 10;

  function $(id) { return document.getElementById(id); }

  var STATE_LABELS = {
    idle: 'Idle', running: 'Running', completed: 'Completed', error: 'Error',
    cancelled: 'Cancelled', interrupted: 'Interrupted'
  };

  // ---------------------------------------------------------------------------------------------- server calls

  function ApiError(message, status, detail, body) {
    this.message = message;
    this.status = status;
    this.detail = detail;
    this.body = body;
  }

  function friendlyMessage(status, detail) {
    if (status >= 500) {
      if (detail && status !== 500) { return detail; }
      return 'The server could not complete the request. Try again in a moment; if it keeps failing, ' +
        'the server log has the details.';
    }
    if (detail) { return detail; }
    if (status === 403) { return 'The server refused the request. Reload the page and try again.'; }
    if (status === 404) { return 'The server does not know this request. Reload the page; the server may have been upgraded.'; }
    return 'The request failed (HTTP ' + status + '). Reload the page and try again.';
  }

  function api(method, path) {
    return fetch(ctx + path, {
      method: method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' }
    }).catch(function (e) {
      throw new ApiError('Could not reach the ContactSync server. Check the network connection; the page keeps trying.',
        0, String(e), null);
    }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        if (text) {
          try { body = JSON.parse(text); } catch (e) { body = null; }
        }
        if (res.status === 401) {
          var here = window.location.pathname.substring(ctx.length) || '/';
          window.location.href = ctx + '/login?next=' + encodeURIComponent(here);
          throw new ApiError('Your login has expired. Log in again.', 401, '', body);
        }
        if (!res.ok) {
          var detail = body && typeof body.detail === 'string' ? body.detail : null;
          var tech = 'HTTP ' + res.status + ' for ' + method + ' ' + path +
            (text ? '\n' + text.substring(0, 2000) : '');
          throw new ApiError(friendlyMessage(res.status, detail), res.status, tech, body);
        }
        return body;
      });
    });
  }

  // ---------------------------------------------------------------------------------------------- formatting

  function formatTime(iso) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric',
      hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function formatRelative(iso) {
    if (!iso) { return ''; }
    var diff = (new Date(iso).getTime() - Date.now()) / 1000;
    var abs = Math.abs(diff);
    var text;
    if (abs < 45) { return diff < 0 ? 'just now' : 'in a few seconds'; }
    if (abs < 3600) { text = Math.round(abs / 60) + ' min'; }
    else if (abs < 86400) { text = Math.round(abs / 3600) + ' h'; }
    else { text = Math.round(abs / 86400) + ' d'; }
    return diff < 0 ? text + ' ago' : 'in ' + text;
  }

  function formatDuration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) { return '–'; }
    if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
    var s = Math.round(ms / 1000);
    if (s < 60) { return s + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + (s % 60) + ' s'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function typeLabel(t) {
    if (t === 'full') { return 'Full'; }
    if (t === 'incremental') { return 'Changes only'; }
    return t ? String(t) : '–';
  }

  function stateOf(s) {
    return (s && (s.state || s.status)) || 'idle';
  }

  function setText(id, text) {
    $(id).textContent = text === null || text === undefined || text === '' ? '–' : String(text);
  }

  function number(n) {
    return typeof n === 'number' ? n.toLocaleString() : '–';
  }

  // ---------------------------------------------------------------------------------------------- notices

  function showNotice(kind, text, detail) {
    var box = $('notice');
    box.className = 'alert alert-' + kind;
    $('notice-text').textContent = text;
    var details = $('notice-details');
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
    var message = err && err.message ? err.message : 'Something went wrong. Reload the page.';
    showNotice('error', message, err && err.detail ? err.detail : String(err));
  }

  $('notice-close').addEventListener('click', hideNotice);

  // ---------------------------------------------------------------------------------------------- buttons

  function setButton(btn, opts) {
    btn.disabled = !!opts.disabled;
    btn.classList.toggle('loading', !!opts.loading);
    btn.setAttribute('aria-busy', opts.loading ? 'true' : 'false');
    if (opts.label) { btn.querySelector('.btn-label').textContent = opts.label; }
  }

  var starting = false;
  var cancelling = false;
  var current = null;        // the last status shown
  var receivedAt = 0;        // when it arrived (to let the duration tick while running)

  function updateButtons() {
    var running = stateOf(current) === 'running';
    var syncBtn = $('sync-now');
    if (starting) {
      setButton(syncBtn, { disabled: true, loading: true, label: 'Starting…' });
    } else if (running) {
      setButton(syncBtn, { disabled: true, loading: true, label: 'Syncing…' });
    } else {
      setButton(syncBtn, { disabled: false, loading: false, label: 'Sync now' });
    }
    var cancelBtn = $('cancel');
    cancelBtn.hidden = !running;
    if (!running) { cancelling = false; }
    setButton(cancelBtn, cancelling ? { disabled: true, loading: true, label: 'Cancelling…' }
      : { disabled: false, loading: false, label: 'Cancel' });
  }

  // ---------------------------------------------------------------------------------------------- status

  function summaryText(s) {
    var state = stateOf(s);
    var trigger = s.trigger === 'scheduled' ? 'automatic' : 'manual';
    switch (state) {
      case 'idle': return 'No sync has run yet. Press “Sync now” to copy the contacts.';
      case 'running': return 'A ' + (s.type === 'full' ? 'full' : 'changes-only') + ' sync (' + trigger + ') is running.';
      case 'completed': return 'The last sync completed ' + formatRelative(s.completed_at) + '.';
      case 'cancelled': return 'The last sync was cancelled ' + formatRelative(s.completed_at) + '.';
      case 'interrupted': return 'The last sync was interrupted: the server running it stopped before it finished.';
      default: return 'The last sync failed ' + formatRelative(s.completed_at) + '.';
    }
  }

  function renderDuration() {
    if (!current) { return; }
    var ms = current.duration_ms;
    if (stateOf(current) === 'running' && typeof ms === 'number') {
      ms += Date.now() - receivedAt;
    }
    setText('run-duration', formatDuration(ms));
  }

  function renderStatus(s) {
    if (!s) { return; }
    var previous = current;
    var state = stateOf(s);
    current = s;
    receivedAt = Date.now();

    var badge = $('state-badge');
    badge.textContent = STATE_LABELS[state] || state;
    badge.className = 'badge badge-' + (STATE_LABELS[state] ? state : 'error');
    $('status-summary').textContent = summaryText(s);

    var running = state === 'running';
    var progress = Math.max(0, Math.min(100, Number(s.progress) || 0));
    $('progress').hidden = !running;
    $('progress-fill').style.width = progress + '%';
    $('progress-bar').setAttribute('aria-valuenow', String(progress));
    $('progress-percent').textContent = progress + '%';
    $('progress-op').textContent = s.current_operation || '';

    var stats = s.stats || {};
    var hasRun = state !== 'idle';
    setText('stat-added', hasRun ? number(stats.added) : '–');
    setText('stat-updated', hasRun ? number(stats.updated) : '–');
    setText('stat-deleted', hasRun ? number(stats.deleted) : '–');
    setText('stat-errors', hasRun ? number(stats.errors || 0) : '–');
    setText('run-type', hasRun ? typeLabel(s.type) : '–');
    setText('run-started', formatTime(s.started_at));
    setText('run-completed', running ? 'still running' : formatTime(s.completed_at));
    renderDuration();

    var errBox = $('run-error');
    if (s.error && !running) {
      errBox.className = 'alert ' + (state === 'cancelled' || state === 'completed' ? 'alert-warn' : 'alert-error');
      $('run-error-text').textContent = s.error;
      var det = $('run-error-details');
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

    var prevState = stateOf(previous);
    var runChanged = previous && previous.run_id !== s.run_id;
    if (previous && ((prevState === 'running' && !running) || runChanged)) {
      // A run ended or a new one appeared: show it in the history and the overview at once.
      loadHistory(historyOffset === 0 ? 0 : historyOffset);
      loadInfo();
    }
    if (!stream) { schedulePoll(); }
  }

  function loadStatus() {
    return api('GET', '/api/sync/status').then(renderStatus, function (err) {
      showError(err);
      if (!stream) { schedulePoll(); }
    });
  }

  // ---------------------------------------------------------------------------------------------- live updates

  var stream = null;
  var pollTimer = null;
  var streamFailures = 0;
  var lastEventAt = 0;
  var eventCount = 0;
  var WATCHDOG_MS = 5000;

  function setLive(text) {
    $('info-live').textContent = text;
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    var running = stateOf(current) === 'running' || starting;
    pollTimer = setTimeout(function () {
      if (!stream) { loadStatus(); }
    }, running ? POLL_RUNNING_MS : POLL_IDLE_MS);
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  function startStream() {
    if (!window.EventSource || params.get('live') === 'poll') {
      setLive('Checking every few seconds');
      schedulePoll();
      return;
    }
    var es = new EventSource(ctx + '/api/sync/events');
    es.addEventListener('open', function () {
      stream = es;
      streamFailures = 0;
      stopPolling();
      setLive('Live');
    });
    es.addEventListener('status', function (e) {
      stream = es;
      lastEventAt = Date.now();
      eventCount++;
      app.setAttribute('data-events', String(eventCount));
      try { renderStatus(JSON.parse(e.data)); } catch (err) { /* a broken event is skipped; the next one repairs it */ }
    });
    es.addEventListener('error', function () {
      // The stream failed (proxy, server restart, logged out): poll instead, and try the stream again later.
      es.close();
      if (stream === es) { stream = null; }
      streamFailures++;
      setLive('Checking every few seconds');
      loadStatus();
      setTimeout(startStream, Math.min(60000, 5000 * streamFailures));
    });
  }

  // ---------------------------------------------------------------------------------------------- actions

  function selectedFull() {
    var checked = document.querySelector('input[name="sync-type"]:checked');
    return !!checked && checked.value === 'full';
  }

  $('sync-now').addEventListener('click', function () {
    if (starting || stateOf(current) === 'running') { return; }
    hideNotice();
    starting = true;
    updateButtons();
    schedulePoll();
    api('POST', '/api/sync/trigger?force_full=' + selectedFull()).then(function (started) {
      // Show the run at once; the live stream fills in its progress.
      if (stateOf(current) !== 'running') {
        renderStatus({ status: 'running', state: 'running', progress: 0, current_operation: 'Starting…',
          stats: { added: 0, updated: 0, deleted: 0, errors: 0 }, started_at: new Date().toISOString(),
          completed_at: null, error: null, run_id: started && started.run_id, type: started && started.type,
          trigger: 'manual', duration_ms: 0 });
      }
      starting = false;
      loadStatus();
    }, function (err) {
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

  $('cancel').addEventListener('click', function () {
    cancelling = true;
    updateButtons();
    api('POST', '/api/sync/cancel').then(function () {
      showNotice('info', 'Cancel requested. The sync stops after the contacts it is saving now.', null);
      loadStatus();
    }, function (err) {
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

  $('preview').addEventListener('click', function () {
    var btn = $('preview');
    setButton(btn, { disabled: true, loading: true, label: 'Checking the source…' });
    hideNotice();
    api('POST', '/api/sync/preview?force_full=' + selectedFull()).then(function (p) {
      renderPreview(p);
    }, showError).then(function () {
      setButton(btn, { disabled: false, loading: false, label: 'Preview changes' });
    });
  });

  var KIND_LABELS = { add: 'Add', update: 'Update', delete: 'Delete' };

  function renderPreview(p) {
    var stats = p.stats || {};
    $('preview-type').textContent = '(' + typeLabel(p.type).toLowerCase() + ' sync, nothing was changed)';
    var total = (stats.added || 0) + (stats.updated || 0) + (stats.deleted || 0);
    $('preview-summary').textContent = total === 0
      ? 'A sync now would change nothing: the local copy matches the source.'
      : 'A sync now would add ' + number(stats.added || 0) + ', update ' + number(stats.updated || 0) +
        ' and delete ' + number(stats.deleted || 0) + ' contacts' +
        (stats.errors ? ' (' + number(stats.errors) + ' could not be read)' : '') + '.';
    var list = $('preview-list');
    list.replaceChildren();
    (p.changes || []).forEach(function (c) {
      var li = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'kind kind-' + c.kind;
      kind.textContent = KIND_LABELS[c.kind] || c.kind;
      li.appendChild(kind);
      li.appendChild(document.createTextNode(' ' + (c.display_name || c.source_id || '')));
      list.appendChild(li);
    });
    var more = $('preview-more');
    more.hidden = !p.truncated;
    more.textContent = p.truncated ? 'Only the first ' + (p.changes || []).length + ' changes are listed.' : '';
    $('preview-result').hidden = false;
  }

  // ---------------------------------------------------------------------------------------------- history

  var historyOffset = 0;
  var newestSeenId = null;

  function cell(row, label, text, className) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (className) { td.className = className; }
    td.textContent = text === null || text === undefined || text === '' ? '–' : String(text);
    row.appendChild(td);
    return td;
  }

  function loadHistory(offset) {
    return api('GET', '/api/sync/history?limit=' + HISTORY_PAGE + '&offset=' + offset).then(function (data) {
      historyOffset = offset;
      var items = data.history || [];
      var body = $('history-body');
      body.replaceChildren();
      items.forEach(function (r) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-run-id', String(r.id));
        if (offset === 0 && newestSeenId !== null && r.id > newestSeenId) { tr.className = 'new'; }
        cell(tr, 'Started', formatTime(r.started_at));
        cell(tr, 'Type', typeLabel(r.type));
        cell(tr, 'Trigger', r.trigger === 'scheduled' ? 'Automatic' : 'Manual');
        var st = r.state || r.status;
        var statusCell = cell(tr, 'Status', '');
        statusCell.textContent = '';
        var badge = document.createElement('span');
        badge.className = 'badge badge-' + (STATE_LABELS[st] ? st : 'error');
        badge.textContent = STATE_LABELS[st] || st;
        statusCell.appendChild(badge);
        cell(tr, 'Added', number(r.contacts_added), 'num');
        cell(tr, 'Updated', number(r.contacts_updated), 'num');
        cell(tr, 'Deleted', number(r.contacts_deleted), 'num');
        cell(tr, 'Errors', number(r.errors || 0), 'num');
        cell(tr, 'Duration', st === 'running' ? 'running' : formatDuration(r.duration_ms));
        cell(tr, 'Message', r.error || '', 'msg');
        body.appendChild(tr);
      });
      if (offset === 0 && items.length) {
        newestSeenId = Math.max(newestSeenId || 0, items[0].id);
      }
      var total = data.total || 0;
      $('history-empty').hidden = total > 0;
      $('history').hidden = total === 0;
      $('history-newer').disabled = offset === 0;
      $('history-older').disabled = offset + items.length >= total;
      $('history-range').textContent = total === 0 ? '' :
        (offset + 1) + '–' + (offset + items.length) + ' of ' + number(total);
    }, showError);
  }

  $('history-newer').addEventListener('click', function () {
    loadHistory(Math.max(0, historyOffset - HISTORY_PAGE));
  });
  $('history-older').addEventListener('click', function () {
    loadHistory(historyOffset + HISTORY_PAGE);
  });

  // ---------------------------------------------------------------------------------------------- overview

  function loadInfo() {
    return api('GET', '/api/sync/info').then(function (info) {
      var automatic = info.sync_type === 'automatic';
      setText('info-mode', automatic ? 'Automatic' : 'Manual only');
      setText('info-interval', automatic && info.sync_interval ? 'every ' + info.sync_interval : 'none');
      setText('info-last', info.last_sync ? formatTime(info.last_sync) + ' (' + formatRelative(info.last_sync) + ')' : 'never');
      setText('info-next', automatic && info.next_sync ? formatTime(info.next_sync) + ' (' + formatRelative(info.next_sync) + ')'
        : (automatic ? 'soon' : 'only when started here'));
      setText('info-total', number(info.total_contacts));
    }, showError);
  }

  // ---------------------------------------------------------------------------------------------- Google

  function loadGoogle() {
    if (source !== 'google') { return; }
    api('GET', '/api/google/status').then(function (g) {
      var connected = !!(g && g.connected);
      var text = connected
        ? 'Connected' + (g.account_email ? ' as ' + g.account_email : '') +
          (g.connected_at ? ' since ' + formatTime(g.connected_at) : '') + '.'
        : 'Not connected. Connect the Google account whose contacts should be synced.';
      if (g && g.configured === false) {
        text = 'No Google OAuth client is configured. Set contactsync.google.client-id and client-secret.';
      }
      $('google-status').textContent = text;
      $('google-connect').hidden = connected;
      $('google-disconnect').hidden = !connected;
    }, function (err) {
      $('google-status').textContent = 'Could not check the Google account.';
      showError(err);
    });
  }

  if (source === 'google') {
    $('google-connect').addEventListener('click', function () {
      var btn = $('google-connect');
      btn.disabled = true;
      api('POST', '/api/google/connect').then(function (r) {
        var url = r && r.authorization_url;
        if (url && /^https?:\/\//.test(url)) {
          window.location.assign(url);
        } else {
          throw new ApiError('The server did not say where to connect the Google account.', 0, JSON.stringify(r), r);
        }
      }).catch(function (err) {
        btn.disabled = false;
        showError(err);
      });
    });
    $('google-disconnect').addEventListener('click', function () {
      if (!window.confirm('Disconnect the Google account? Syncs stop until it is connected again; the contacts already copied stay.')) {
        return;
      }
      var btn = $('google-disconnect');
      btn.disabled = true;
      api('POST', '/api/google/disconnect').then(function () {
        showNotice('info', 'The Google account was disconnected.', null);
      }, showError).then(function () {
        btn.disabled = false;
        loadGoogle();
      });
    });
    if (params.get('google') === 'connected') {
      showNotice('info', 'The Google account is connected. Start a sync to copy its contacts.', null);
    } else if (params.get('google_error')) {
      showNotice('error', params.get('google_error'), null);
    }
  }

  // ---------------------------------------------------------------------------------------------- start

  setInterval(renderDuration, 1000);
  // A stream that stays silent while a run is active (a proxy buffering it, say) must not freeze the page.
  setInterval(function () {
    if (stream && stateOf(current) === 'running' && Date.now() - Math.max(lastEventAt, receivedAt) > WATCHDOG_MS) {
      loadStatus();
    }
  }, 1000);
  updateButtons();
  loadStatus().then(function () {
    startStream();
  });
  loadHistory(0);
  loadInfo();
  loadGoogle();
  // The overview's relative times and the next scheduled sync move on by themselves.
  setInterval(loadInfo, 60000);
}());
