/*
 * The paused-schedule banner: after too many failed automatic syncs the server pauses them; this shows why and
 * offers Resume. A module of its own next to the sync page's, using the pages' one API client.
 * Text goes in with textContent only.
 */
import { api } from './api.js';

const banner = document.getElementById('pause-banner');
const text = document.getElementById('pause-text');
const resume = document.getElementById('pause-resume');
const CHECK_MS = 15000;

function show(schedule) {
  if (schedule && schedule.paused) {
    text.textContent = schedule.pause_reason || 'Automatic syncs are paused after repeated failures.';
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }
}

async function refresh() {
  try {
    show(await api('GET', '/api/sync/schedule'));
  } catch (e) {
    // The sync page reports the server being unreachable; the banner just keeps what it showed.
  }
}

if (banner) {
  resume.addEventListener('click', async () => {
    resume.disabled = true;
    try {
      const body = await api('POST', '/api/sync/schedule/resume');
      text.textContent = body.message;
      await refresh();
    } catch (e) {
      text.textContent = e.message;
    } finally {
      resume.disabled = false;
    }
  });
  refresh();
  window.setInterval(refresh, CHECK_MS);
}
