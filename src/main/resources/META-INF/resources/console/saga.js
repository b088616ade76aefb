// One saga: state, failure, input, timeline, events, replays, the image in ECS, and (operators,
// failed sagas) the replay form. Refreshes every 2 s and whenever the event stream mentions it.
import {
  FAILED, MAKES_IMAGE, age, el, fill, getJson, header, every, followEvents, postJson, progressBar, statusBadge, time,
} from './common.js';

const id = new URLSearchParams(location.search).get('id');
let saga = null;
let looked = false;
let user = null;

function fact(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function problemBox(title, p) {
  return el(
    'div',
    { class: 'problem', role: 'alert', id: title === 'Failure' ? 'failure' : 'last-error' },
    el('strong', {}, `${title}: `),
    el('code', { class: 'code' }, p.code || p.kind),
    ' ',
    el('span', { class: 'message' }, p.message || ''),
    p.requestId ? el('div', { class: 'muted' }, 'ECS RequestId ', el('code', {}, p.requestId)) : null
  );
}

function state(s) {
  fill(document.getElementById('title'), `${s.type} `, statusBadge(s.status));
  fill(
    document.getElementById('facts'),
    fact('Saga id', el('code', {}, s.id)),
    fact('Command id', el('code', {}, s.commandId)),
    fact('Region', s.regionId),
    fact('Step', el('code', { id: 'step' }, s.step)),
    MAKES_IMAGE.includes(s.type) ? fact('Progress', progressBar(s.progress, 'Image progress')) : [],
    fact('Attempt', s.attempt),
    fact('Image', s.imageId ? el('code', {}, s.imageId) : '—'),
    fact('Started', `${time(s.createdAt)} (${age(s.createdAt)} ago)`),
    fact('Next step due', s.nextWakeAt ? time(s.nextWakeAt) : '—'),
    fact('Deadline', s.deadlineAt ? time(s.deadlineAt) : '—'),
    s.stuck ? fact('Stuck', el('span', { class: 'badge bad' }, 'overdue')) : []
  );
  fill(
    document.getElementById('problem'),
    s.failure ? problemBox('Failure', s.failure) : null,
    !s.failure && s.lastError ? problemBox('Last error (will be retried)', s.lastError) : null
  );
  document.getElementById('replay-section').hidden = !(user && user.canReplay && FAILED.includes(s.status));
  document.getElementById('lookup').disabled = !s.imageId;
}

function timeline(t) {
  const heads = ['Step', 'From', 'To', 'Runs', 'Attempt', 'Errors', 'Last error', 'ECS RequestId', 'Quota wait', 'Outcome', 'Summary'];
  fill(
    document.getElementById('timeline'),
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      t.steps.map((s) =>
        el('tr', {},
          el('th', { scope: 'row', class: 'mono' }, s.step),
          el('td', {}, time(s.startedAt)),
          el('td', {}, time(s.lastAt)),
          el('td', { class: 'num' }, s.executions),
          el('td', { class: 'num' }, s.maxAttempt),
          el('td', { class: 'num' }, s.errors),
          el('td', { class: 'mono' }, s.lastErrorCode || ''),
          el('td', { class: 'mono' }, s.lastRequestId || ''),
          el('td', { class: 'num' }, s.quotaWaitMs ? `${Math.round(s.quotaWaitMs / 1000)} s` : ''),
          el('td', {}, s.outcome, ' → ', el('code', {}, s.nextStep)),
          el('td', { class: 'muted' }, s.summary)))
    )
  );
  fill(
    document.getElementById('replays'),
    el('thead', {}, el('tr', {}, ['At', 'By', 'Mode', 'Reason', 'Result'].map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      t.replays.length
        ? t.replays.map((r) =>
            el('tr', {}, el('td', {}, time(r.at)), el('td', {}, r.by), el('td', {}, r.mode), el('td', {}, r.reason), el('td', {}, r.result, r.detail ? el('div', { class: 'muted' }, r.detail) : null)))
        : el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'Never replayed.'))
    )
  );
}

function events(list) {
  fill(
    document.getElementById('events'),
    el('thead', {}, el('tr', {}, ['Event', 'Emitted', 'Published'].map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      list.length
        ? list.map((e) => el('tr', {}, el('td', {}, e.type), el('td', {}, time(e.occurredAt)), el('td', {}, e.publishedAt ? time(e.publishedAt) : 'waiting')))
        : el('tr', {}, el('td', { colspan: '3', class: 'muted' }, 'None yet.'))
    )
  );
}

async function lookup() {
  const target = document.getElementById('image');
  fill(target, 'Asking ECS…');
  try {
    const image = await getJson(`/api/images/${encodeURIComponent(saga.regionId)}/${encodeURIComponent(saga.imageId)}`);
    fill(target, el('pre', {}, JSON.stringify(image, null, 2)));
  } catch (e) {
    fill(target, el('div', { class: 'problem' }, e.status === 404 ? `ECS knows no image ${saga.imageId} in ${saga.regionId}.` : e.message));
  }
}

async function replay(event) {
  event.preventDefault();
  const form = event.target;
  const button = document.getElementById('replay-button');
  button.disabled = true;
  const result = await postJson(`/api/sagas/${id}/replay`, { mode: form.elements.mode.value, reason: form.elements.reason.value });
  button.disabled = false;
  const text = result.json && result.json.violations
    ? result.json.violations.map((v) => v.message).join('; ')
    : result.json ? `${result.json.result}: ${result.json.detail || ''}` : result.text;
  fill(document.getElementById('replay-result'), el('div', { class: result.ok ? 'notice' : 'problem' }, result.ok ? `Replayed. ${text}` : `Refused (${result.status}): ${text}`));
  if (result.ok) form.reset();
  refreshNow();
}

async function refresh() {
  saga = await getJson(`/api/sagas/${id}`);
  state(saga);
  if (!looked && saga.imageId) {
    looked = true;
    lookup();
  }
  const [t, list] = await Promise.all([getJson(`/api/sagas/${id}/timeline`), getJson(`/api/sagas/${id}/events`)]);
  timeline(t);
  events(list);
}

let refreshNow = () => {};
async function start() {
  if (!id) {
    fill(document.getElementById('updated'), 'No saga id in the address (saga.html?id=...).');
    return;
  }
  user = await header();
  const input = await getJson(`/api/sagas/${id}/input`).catch((e) => ({ error: e.message }));
  // Fields the command left unset are left out.
  const shown = JSON.stringify(input.input ?? input, (key, value) => (value === null ? undefined : value), 2);
  fill(document.getElementById('input'), shown);
  document.getElementById('replay').addEventListener('submit', replay);
  document.getElementById('lookup').addEventListener('click', lookup);
  refreshNow = every(2000, refresh, document.getElementById('updated'));
  followEvents(() => refreshNow(), `?sagaId=${encodeURIComponent(id)}`);
}

start();
