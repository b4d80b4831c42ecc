/*
 * The pages' one API client: JSON headers, cookies of this site only, no cache, a sentence for every failure,
 * and the login page when the session has expired.
 */

/** A failed request: `message` is for people, `detail` (status, method, path, body) for the folded-away details. */
export class ApiError extends Error {
  constructor(message, status, detail, body) {
    super(message);
    this.status = status;
    this.detail = detail;
    this.body = body;
  }
}

/** The application's context path, as the page's #app element tells it. */
export function contextPath() {
  const app = document.getElementById('app');
  return (app && app.getAttribute('data-ctx')) || '';
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

/** Sends to the login page, coming back here afterwards. */
function toLogin(ctx) {
  const here = (window.location.pathname.substring(ctx.length) || '/') + window.location.search;
  window.location.href = ctx + '/login?next=' + encodeURIComponent(here);
}

/**
 * Calls the API: resolves with the parsed JSON body (null when empty), rejects with an {@link ApiError}.
 * A 401 sends the browser to the login page.
 */
export async function api(method, path) {
  const ctx = contextPath();
  let res;
  try {
    res = await fetch(ctx + path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'fetch' }
    });
  } catch (e) {
    throw new ApiError('Could not reach the ContactSync server. Check the network connection; the page keeps trying.',
      0, String(e), null);
  }
  const text = await res.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch (e) { body = null; }
  }
  if (res.status === 401) {
    toLogin(ctx);
    throw new ApiError('Your login has expired. Log in again.', 401, '', body);
  }
  if (!res.ok) {
    const detail = body && typeof body.detail === 'string' ? body.detail : null;
    const tech = 'HTTP ' + res.status + ' for ' + method + ' ' + path + (text ? '\n' + text.substring(0, 2000) : '');
    throw new ApiError(friendlyMessage(res.status, detail), res.status, tech, body);
  }
  return body;
}
