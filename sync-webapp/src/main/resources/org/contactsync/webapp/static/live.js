/*
 * Live sync status: a server-sent event stream, polling while the stream is down (or when asked for with
 * ?live=poll), and a watchdog so a stream that goes silent during a run (a buffering proxy) never freezes the page.
 */

const POLL_RUNNING_MS = 2500;
const POLL_IDLE_MS = 15000;
const WATCHDOG_MS = 5000;

/**
 * Starts following the status.
 *
 * @param {object} o
 * @param {string} o.url        the event stream's URL
 * @param {() => Promise} o.load reads the status once (and hands it to the page itself)
 * @param {(status: object) => void} o.onStatus the page shows a status that arrived as an event
 * @param {() => boolean} o.busy whether a run is active or starting (polls faster, arms the watchdog)
 * @param {(text: string) => void} o.showMode tells the page how it is being updated
 * @param {boolean} o.pollOnly  no event stream at all
 * @returns {{start: () => void, statusShown: () => void, pollLater: () => void}} the page calls statusShown()
 *          after each status it shows, and pollLater() when a read failed or a run is about to start
 */
export function followStatus(o) {
  let stream = null;
  let pollTimer = null;
  let failures = 0;
  let lastSeenAt = 0;
  let events = 0;

  function schedulePoll() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      if (!stream) { o.load(); }
    }, o.busy() ? POLL_RUNNING_MS : POLL_IDLE_MS);
  }

  function start() {
    if (!window.EventSource || o.pollOnly) {
      o.showMode('Checking every few seconds');
      schedulePoll();
      return;
    }
    const es = new EventSource(o.url);
    es.addEventListener('open', () => {
      stream = es;
      failures = 0;
      clearTimeout(pollTimer);
      o.showMode('Live');
    });
    es.addEventListener('status', (e) => {
      stream = es;
      events++;
      document.getElementById('app').setAttribute('data-events', String(events));
      let status;
      try { status = JSON.parse(e.data); } catch (err) { return; /* a broken event is skipped; the next one repairs it */ }
      o.onStatus(status);
    });
    es.addEventListener('error', () => {
      // The stream failed (proxy, server restart, logged out): poll instead, and try the stream again later.
      es.close();
      if (stream === es) { stream = null; }
      failures++;
      o.showMode('Checking every few seconds');
      o.load();
      setTimeout(start, Math.min(60000, 5000 * failures));
    });
  }

  setInterval(() => {
    if (stream && o.busy() && Date.now() - lastSeenAt > WATCHDOG_MS) {
      o.load();
    }
  }, 1000);

  return {
    start,
    /** A status was shown (from an event or a read): the watchdog's clock restarts; without a stream, poll on. */
    statusShown() {
      lastSeenAt = Date.now();
      if (!stream) { schedulePoll(); }
    },
    /** Without a stream, read again after the usual pause (faster while busy). */
    pollLater() {
      if (!stream) { schedulePoll(); }
    }
  };
}
