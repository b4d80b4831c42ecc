/*
 * The paused-schedule banner: after too many failed automatic syncs the server pauses them; this shows why and
 * offers Resume. Text goes in with textContent only.
 */
import { api } from './api.js';

const CHECK_MS = 15000;

/** Shows the banner while the schedule is paused, checking again every 15 s. */
export function followPause() {
  const banner = document.getElementById('pause-banner');
  if (!banner) { return; }
  const text = document.getElementById('pause-text');
  const resume = document.getElementById('pause-resume');

  function show(schedule) {
    if (schedule && schedule.paused) {
      text.textContent = schedule.pause_reason || 'Automatic syncs are paused after repeated failures.';
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }

  const refresh = () => api('GET', '/api/sync/schedule').then(show, () => { /* the status card reports errors */ });

  resume.addEventListener('click', () => {
    resume.disabled = true;
    api('POST', '/api/sync/schedule/resume').then((body) => {
      text.textContent = body.message;
      return refresh();
    }, (e) => {
      text.textContent = e.message;
    }).then(() => { resume.disabled = false; });
  });

  refresh();
  setInterval(refresh, CHECK_MS);
}
