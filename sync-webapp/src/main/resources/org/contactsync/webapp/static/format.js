/* How the pages write times, durations, counts, run types and run states. */

/** The words for a run's state; a state not listed here shows as an error. */
export const STATE_LABELS = {
  idle: 'Idle', running: 'Running', completed: 'Completed', error: 'Error',
  cancelled: 'Cancelled', interrupted: 'Interrupted'
};

export function formatTime(iso) {
  if (!iso) { return '–'; }
  const d = new Date(iso);
  if (isNaN(d.getTime())) { return String(iso); }
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatRelative(iso) {
  if (!iso) { return ''; }
  const diff = (new Date(iso).getTime() - Date.now()) / 1000;
  const abs = Math.abs(diff);
  let text;
  if (abs < 45) { return diff < 0 ? 'just now' : 'in a few seconds'; }
  if (abs < 3600) { text = Math.round(abs / 60) + ' min'; }
  else if (abs < 86400) { text = Math.round(abs / 3600) + ' h'; }
  else { text = Math.round(abs / 86400) + ' d'; }
  return diff < 0 ? text + ' ago' : 'in ' + text;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || isNaN(ms)) { return '–'; }
  if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
  const s = Math.round(ms / 1000);
  if (s < 60) { return s + ' s'; }
  const m = Math.floor(s / 60);
  if (m < 60) { return m + ' min ' + (s % 60) + ' s'; }
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

export function typeLabel(t) {
  if (t === 'full') { return 'Full'; }
  if (t === 'incremental') { return 'Changes only'; }
  return t ? String(t) : '–';
}

export function number(n) {
  return typeof n === 'number' ? n.toLocaleString() : '–';
}

/** The schedule as /api/sync/info tells it, in the words the start-up log uses. */
export function scheduleText(info) {
  if (!info || info.sync_type !== 'automatic') { return 'none'; }
  if (info.full_sync_interval && info.full_sync_interval === info.sync_interval) {
    return 'a full sync every ' + info.full_sync_interval;
  }
  return 'every ' + info.sync_interval + (info.full_sync_interval ? ' (a full one every ' + info.full_sync_interval + ')' : '');
}
