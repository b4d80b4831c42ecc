/*
 * The paused-schedule banner: after too many failed automatic syncs the server pauses them; this shows why and
 * offers Resume. Standalone (its own small fetch), so it does not depend on how the main page script is split.
 * Text goes in with textContent only.
 */
(function () {
  'use strict';

  var app = document.getElementById('app');
  var banner = document.getElementById('pause-banner');
  if (!app || !banner) { return; }
  var ctx = app.getAttribute('data-ctx') || '';
  var text = document.getElementById('pause-text');
  var resume = document.getElementById('pause-resume');
  var CHECK_MS = 15000;

  function call(method, path) {
    return fetch(ctx + path, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' }
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) {
          throw new Error(body && body.detail ? body.detail
            : 'The server could not complete the request. Try again in a moment.');
        }
        return body;
      });
    });
  }

  function show(schedule) {
    if (schedule && schedule.paused) {
      text.textContent = schedule.pause_reason || 'Automatic syncs are paused after repeated failures.';
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }

  function refresh() {
    return call('GET', '/api/sync/schedule').then(show, function () { /* the main script reports errors */ });
  }

  resume.addEventListener('click', function () {
    resume.disabled = true;
    call('POST', '/api/sync/schedule/resume').then(function (body) {
      text.textContent = body.message;
      return refresh();
    }, function (e) {
      text.textContent = e.message;
    }).then(function () { resume.disabled = false; });
  });

  refresh();
  window.setInterval(refresh, CHECK_MS);
}());
