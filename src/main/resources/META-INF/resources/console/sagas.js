// The saga list: the filter lives in the query string (shareable), the table refreshes every 3 s
// so states and progress bars move while you watch.
import {
  kinds,
  MAKES_IMAGE, STATUSES, age, el, fill, getJson, header, every, progressBar, sagaLink, statusBadge,
} from './common.js';

const FIELDS = ['status', 'type', 'regionId', 'errorCode', 'imageName', 'imageId', 'commandId', 'from', 'to', 'sort', 'pageSize'];
const form = document.getElementById('filters');
const params = new URLSearchParams(location.search);

function localInput(iso) {
  // An instant shown in the browser's local time, as a datetime-local input wants it.
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

async function setUpForm() {
  const status = document.getElementById('f-status');
  const wanted = params.get('status');
  if (wanted && !STATUSES.includes(wanted)) status.append(el('option', { value: wanted }, wanted.replaceAll(',', ', ')));
  STATUSES.forEach((s) => status.append(el('option', { value: s }, s)));
  (await kinds()).forEach((k) => document.getElementById('f-type').append(el('option', { value: k }, k)));
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value === null) continue;
    form.elements[name].value = name === 'from' || name === 'to' ? localInput(value) : value;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FIELDS) {
      let value = form.elements[name].value.trim();
      if (!value) continue;
      if (name === 'from' || name === 'to') value = new Date(value).toISOString();
      if (name === 'sort' && value === 'started') continue;
      if (name === 'pageSize' && value === '50') continue;
      next.set(name, value);
    }
    location.search = next.toString();
  });
}

function query() {
  const q = new URLSearchParams();
  for (const name of FIELDS) if (params.get(name)) q.set(name, params.get(name));
  if (params.get('cursor')) q.set('cursor', params.get('cursor'));
  return q;
}

function row(s) {
  const problem = s.failure || s.lastError;
  return el(
    'tr',
    { dataset: { saga: s.id, status: s.status } },
    el('td', {}, sagaLink(s.id)),
    el('td', {}, s.type),
    el('td', {}, statusBadge(s.status), s.stuck ? el('span', { class: 'badge bad' }, 'stuck') : null),
    el('td', { class: 'mono' }, s.step),
    el('td', {}, MAKES_IMAGE.includes(s.type) ? progressBar(s.progress, `Progress of saga ${s.id.slice(0, 8)}`) : ''),
    el('td', { class: 'num' }, s.attempt),
    el('td', { class: 'mono' }, s.imageId || ''),
    el('td', {}, s.regionId),
    el('td', { class: 'num', title: s.createdAt }, age(s.createdAt)),
    el('td', { class: 'mono' }, problem ? problem.code : '')
  );
}

function table(items) {
  const heads = ['Saga', 'Kind', 'State', 'Step', 'Progress', 'Attempts', 'Image', 'Region', 'Age', 'Failure / last error'];
  fill(
    document.getElementById('sagas'),
    el('caption', { class: 'muted' }, `${items.length} saga${items.length === 1 ? '' : 's'} on this page`),
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.length ? items.map(row) : el('tr', {}, el('td', { colspan: String(heads.length), class: 'muted' }, 'No saga matches.')))
  );
}

function pager(next) {
  const links = [];
  if (params.get('cursor')) {
    const first = query();
    first.delete('cursor');
    links.push(el('a', { href: `?${first}` }, 'First page'));
  }
  if (next) {
    const following = query();
    following.set('cursor', next);
    links.push(el('a', { href: `?${following}`, rel: 'next' }, 'Next page'));
  }
  fill(document.getElementById('pager'), links);
}

async function refresh() {
  const page = await getJson(`/api/sagas?${query()}`);
  // A command id names one saga: the API answers with it, not with a page.
  if (params.get('commandId')) {
    table([page]);
    pager(null);
  } else {
    table(page.items);
    pager(page.next);
  }
}

setUpForm();
header();
every(3000, async () => {
  try {
    await refresh();
  } catch (e) {
    if (e.status === 404) {
      table([]);
      pager(null);
    } else throw e;
  }
}, document.getElementById('updated'));
