// Shared by every page of the operator console: API calls, the header, and small DOM helpers.
// Pages build their DOM with el(), which only ever sets text, never HTML, so nothing the API
// returns (an error message from ECS, an image name) can inject markup.

/** An API answer that was not 2xx. */
export class ApiError extends Error {
  constructor(status, text) {
    super(`${status}: ${text}`);
    this.status = status;
    this.text = text;
  }
}

/**
 * The API address of a path, on the page's origin: a page opened as http://user:password@host/ has
 * those credentials in its own address, and fetch refuses a relative URL resolved against it.
 */
export function api(path) {
  return new URL(path, window.location.origin).href;
}

/** GET a JSON document from the API; the browser adds the signed-in user's credentials. */
export async function getJson(url) {
  const response = await fetch(api(url), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new ApiError(response.status, await response.text());
  }
  return response.json();
}

/**
 * POST JSON. The JSON content type is what the server requires of every state-changing request
 * (no other site can send it without a CORS preflight), so the console needs no CSRF token.
 */
export async function postJson(url, body) {
  const response = await fetch(api(url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, ok: response.ok, json, text };
}

/** Creates an element: el('a', {href: '/'}, 'text', child). Attributes starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces the content of an element. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
}

let who = null;

/** The signed-in user: {name, roles, canReplay, sagaKinds}. */
export async function me() {
  if (!who) who = getJson('/api/me');
  return who;
}

/** The kinds of saga the service runs, as it says (a new kind needs no change here). */
export async function kinds() {
  return (await me()).sagaKinds;
}

/** Fills the header: marks the current page, shows the user and their role. */
export async function header() {
  const here = location.pathname === '/' ? '/index.html' : location.pathname;
  for (const link of document.querySelectorAll('nav a')) {
    if (new URL(link.href).pathname === here) link.setAttribute('aria-current', 'page');
  }
  const user = await me();
  fill(
    document.getElementById('user'),
    'Signed in as ',
    el('strong', {}, user.name),
    ' ',
    el('span', { class: 'role' }, user.canReplay ? '(may replay)' : '(read only)')
  );
  return user;
}

export const ACTIVE = ['RUNNING', 'WAITING', 'COMPENSATING'];
export const FAILED = ['FAILED', 'COMPENSATED', 'COMPENSATION_FAILED'];
export const STATUSES = ['RUNNING', 'WAITING', 'COMPENSATING', 'SUCCEEDED', ...FAILED];

/** Kinds whose progress is an image ECS is making, in percent. */
export const MAKES_IMAGE = ['CREATE_IMAGE', 'COPY_IMAGE'];

/** A status as a badge whose class gives its colour; the text says it too. */
export function statusBadge(status) {
  const tone = ACTIVE.includes(status) ? 'active' : status === 'SUCCEEDED' ? 'ok' : 'bad';
  return el('span', { class: `badge ${tone}`, dataset: { status } }, status);
}

/** The progress of a creation as a native progress bar with its value in words. */
export function progressBar(value, label) {
  return el(
    'span',
    { class: 'progress' },
    el('progress', { max: '100', value: String(value), 'aria-label': label }),
    el('span', { class: 'pct' }, `${value}%`)
  );
}

/** "3 min", "2 h" ... since an instant. */
export function age(instant, now = Date.now()) {
  if (!instant) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(instant)) / 1000));
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** An instant in UTC, to the second. */
export function time(instant) {
  return instant ? `${instant.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}` : '';
}

/** A link to a saga's page. */
export function sagaLink(id, text = id.slice(0, 8)) {
  return el('a', { href: `/saga.html?id=${encodeURIComponent(id)}`, title: id }, text);
}

/**
 * A small line chart of recent values as inline SVG, with its range in words for screen readers.
 */
export function sparkline(values, label) {
  const width = 120;
  const height = 28;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
    .join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  const last = values.length ? values[values.length - 1] : 0;
  svg.setAttribute(
    'aria-label',
    `${label}: last ${values.length} samples, from ${Math.min(...values, last)} to ${Math.max(...values, last)}`
  );
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return svg;
}

/**
 * Calls refresh now and then every intervalMs, never two at once; a failure is shown in the
 * status element and the loop goes on.
 */
export function every(intervalMs, refresh, statusNode) {
  let running = false;
  let timer = null;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await refresh();
      if (statusNode) fill(statusNode, `Updated ${new Date().toLocaleTimeString()}`);
    } catch (e) {
      if (statusNode) fill(statusNode, `Not updated: ${e.message}`);
    } finally {
      running = false;
      clearTimeout(timer);
      timer = setTimeout(run, intervalMs);
    }
  };
  run();
  return run;
}

/**
 * Follows the live event stream; calls onEvent for each lifecycle event. The stream is a nudge to
 * refresh sooner, the pages poll anyway, so a lost connection only slows them down.
 */
export function followEvents(onEvent, query = '') {
  if (!('EventSource' in window)) return null;
  const source = new EventSource(api(`/api/events/stream${query}`));
  source.onmessage = (message) => {
    try {
      onEvent(JSON.parse(message.data));
    } catch {
      // not an event: ignore
    }
  };
  return source;
}
