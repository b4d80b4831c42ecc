/*
 * The sync page's sources: one row per configured source (name, type, state, latest run and its counts, the
 * Google connection with Connect/Disconnect, a "Sync" button for that source alone) and the history's source filter.
 * Data is only ever put into the page with textContent / createElement, never as HTML.
 */
import { api, ApiError } from './api.js';
import { formatTime, number, typeLabel } from './format.js';

const $ = (id) => document.getElementById(id);

const TYPE_LABELS = {
  google: 'Google Contacts', 'google-directory': 'Google Workspace directory', vcard: 'vCard file',
  carddav: 'CardDAV address book'
};
const STATE_LABELS = {
  idle: 'Not synced yet', running: 'Running', completed: 'Completed', error: 'Error',
  cancelled: 'Cancelled', interrupted: 'Interrupted'
};
const isGoogle = (type) => type === 'google' || type === 'google-directory';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) { e.className = className; }
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  return e;
}

function button(label, className, action) {
  const b = el('button', 'btn' + (className ? ' ' + className : ''), label);
  b.type = 'button';
  b.setAttribute('data-action', action);
  return b;
}

function lastRunText(s) {
  if (!s.last_run_id) { return 'No run has read this source yet.'; }
  const st = s.stats || {};
  const when = s.last_run_completed_at || s.last_run_started_at;
  return 'Last run' + (when ? ' ' + formatTime(when) : '') + ' (' + typeLabel(s.last_run_type).toLowerCase() + '): ' +
    number(st.added || 0) + ' added, ' + number(st.updated || 0) + ' updated, ' + number(st.deleted || 0) +
    ' deleted, ' + number(st.errors || 0) + ' errors.' + (s.error ? ' ' + s.error : '');
}

/**
 * Starts connecting a Google account: asks `path` (a connect endpoint) for Google's consent page and sends the
 * browser there; on failure re-enables `btn` and hands the error to `onError`.
 */
export function connectGoogle(path, btn, onError) {
  btn.disabled = true;
  api('POST', path).then((r) => {
    const url = r && r.authorization_url;
    if (url && /^https?:\/\//.test(url)) {
      window.location.assign(url);
    } else {
      throw new ApiError('The server did not say where to connect the Google account.', 0, JSON.stringify(r), r);
    }
  }).catch((err) => {
    btn.disabled = false;
    onError(err);
  });
}

function googleText(g) {
  if (g.configured === false) {
    return 'No Google OAuth client is configured for this source (see docs/sources.md).';
  }
  if (!g.connected) { return 'Google account not connected. Connect it to sync this source.'; }
  return 'Connected' + (g.account_email ? ' as ' + g.account_email : '') +
    (g.connected_at ? ' since ' + formatTime(g.connected_at) : '') + '.';
}

/**
 * Shows the sources and wires their buttons.
 *
 * @param opts.connectInRows whether Google sources connect in their row (named sources; the single-source page has
 *   its own Google card)
 * @param opts.notify (kind, text, detail) shows a notice; opts.onError(err) shows a failure
 * @param opts.full () => whether the page's sync type is "Full"
 * @param opts.onStarted () => called after a source's sync started (the page then follows its progress)
 * @param opts.onFilter () => called when the history's source filter changes
 * @returns {{refresh: function(): Promise, running: function(boolean): void, historyParam: function(): string}}
 */
export function showSources(opts) {
  const list = $('sources-list');
  const filter = $('history-source');
  let running = false;
  let names = [];

  function syncButtons() {
    list.querySelectorAll('button[data-action="sync"]').forEach((b) => { b.disabled = running; });
  }

  function row(s) {
    const li = el('li', 'source-row');
    li.setAttribute('data-source', s.name);
    const head = el('div', 'source-head');
    head.appendChild(el('span', 'source-name', s.name));
    head.appendChild(el('span', 'muted source-type', TYPE_LABELS[s.type] || s.type));
    const state = STATE_LABELS[s.state] ? s.state : 'error';
    const badge = el('span', 'badge badge-' + state, STATE_LABELS[state]);
    badge.classList.add('source-state');
    head.appendChild(badge);
    li.appendChild(head);
    li.appendChild(el('p', 'source-run', lastRunText(s)));
    const buttons = el('div', 'buttons needs-admin');
    const sync = button('Sync', 'primary', 'sync');
    sync.setAttribute('aria-label', 'Sync the source ' + s.name);
    sync.disabled = running;
    buttons.appendChild(sync);
    if (isGoogle(s.type) && opts.connectInRows) {
      const google = el('p', 'source-google muted', 'Checking the Google account…');
      li.appendChild(google);
      const connect = button('Connect', '', 'connect');
      const disconnect = button('Disconnect', 'danger', 'disconnect');
      connect.setAttribute('aria-label', 'Connect the Google account of ' + s.name);
      disconnect.setAttribute('aria-label', 'Disconnect the Google account of ' + s.name);
      connect.hidden = true;
      disconnect.hidden = true;
      buttons.append(connect, disconnect);
      loadGoogle(s.name, google, connect, disconnect);
    }
    li.appendChild(buttons);
    return li;
  }

  function loadGoogle(name, text, connect, disconnect) {
    api('GET', '/api/google/' + encodeURIComponent(name) + '/status').then((g) => {
      text.textContent = googleText(g || {});
      connect.hidden = !!(g && g.connected) || (g && g.configured === false);
      disconnect.hidden = !(g && g.connected);
    }, (err) => {
      text.textContent = 'Could not check the Google account.';
      opts.onError(err);
    });
  }

  function fillFilter() {
    const chosen = filter.value;
    const options = [el('option', null, 'All sources')];
    options[0].value = '';
    names.forEach((n) => {
      const o = el('option', null, n);
      o.value = n;
      options.push(o);
    });
    filter.replaceChildren(...options);
    filter.value = names.includes(chosen) ? chosen : '';
    $('history-source-label').hidden = names.length < 2;
  }

  function refresh() {
    return api('GET', '/api/sync/sources').then((data) => {
      const sources = (data && data.sources) || [];
      names = sources.map((s) => s.name);
      list.replaceChildren(...sources.map(row));
      $('sources-status').textContent = sources.length === 1 ? 'One source.' : sources.length + ' sources.';
      fillFilter();
    }, (err) => {
      $('sources-status').textContent = 'Could not load the sources.';
      opts.onError(err);
    });
  }

  function syncOne(name, btn) {
    btn.disabled = true;
    api('POST', '/api/sync/trigger?source=' + encodeURIComponent(name) + '&force_full=' + opts.full()).then(() => {
      opts.notify('info', 'Sync of the source ' + name + ' started.', null);
      opts.onStarted();
    }, (err) => {
      btn.disabled = running;
      if (err.status === 409) {
        opts.notify('info', 'A sync is already running. Start this source again when it has finished.', null);
      } else {
        opts.onError(err);
      }
    });
  }

  function connectOne(name, btn) {
    connectGoogle('/api/google/' + encodeURIComponent(name) + '/connect', btn, opts.onError);
  }

  function disconnectOne(name, btn) {
    if (!window.confirm('Disconnect the Google account of the source ' + name + '? Its syncs stop until it is ' +
      'connected again; the contacts already copied stay.')) {
      return;
    }
    btn.disabled = true;
    api('POST', '/api/google/' + encodeURIComponent(name) + '/disconnect').then(() => {
      opts.notify('info', 'The Google account of the source ' + name + ' was disconnected.', null);
    }, opts.onError).then(refresh);
  }

  list.addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-action]');
    const li = btn && btn.closest('li[data-source]');
    if (!li) { return; }
    const name = li.getAttribute('data-source');
    const action = btn.getAttribute('data-action');
    if (action === 'sync') { syncOne(name, btn); }
    if (action === 'connect') { connectOne(name, btn); }
    if (action === 'disconnect') { disconnectOne(name, btn); }
  });
  filter.addEventListener('change', () => opts.onFilter());

  const params = new URLSearchParams(window.location.search);
  if (opts.connectInRows && params.get('google') === 'connected') {
    opts.notify('info', 'The Google account of the source ' + (params.get('source') || 'default') +
      ' is connected. Start a sync to copy its contacts.', null);
  }
  refresh();

  return {
    refresh,
    running(isRunning) {
      if (running !== isRunning) {
        running = isRunning;
        syncButtons();
      }
    },
    historyParam: () => (filter.value ? '&source=' + encodeURIComponent(filter.value) : '')
  };
}
