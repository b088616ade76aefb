// Bulk replay: build a filter, see the dry run's count and sample, confirm, then watch the job.
// The job runs on the server; this page only follows it (GET /api/replay-jobs/{id} every second),
// so closing the page stops nothing. ?job=<id> follows an existing job.
import { FAILED, el, kinds, fill, getJson, header, postJson, sagaLink, time } from './common.js';

const form = document.getElementById('bulk');
const confirmButton = document.getElementById('confirm');
let dryRunFilter = null;
let following = null;

function filter() {
  const f = form.elements;
  const iso = (v) => (v ? new Date(v).toISOString() : null);
  const statuses = [...form.querySelectorAll('input[name=statuses]:checked')].map((c) => c.value);
  return {
    statuses,
    type: f.type.value || null,
    regionId: f.regionId.value.trim() || null,
    errorCode: f.errorCode.value.trim() || null,
    source: f.source.value || null,
    from: iso(f.from.value),
    to: iso(f.to.value),
    mode: f.mode.value,
    reason: f.reason.value.trim(),
  };
}

function showJob(job) {
  document.getElementById('job-section').hidden = false;
  const done = job.status === 'DONE';
  const verb = job.dryRun ? 'would replay' : 'replayed';
  fill(
    document.getElementById('job'),
    el('p', {},
      el('strong', {}, job.dryRun ? 'Dry run' : 'Replay job'), ` ${job.id} by ${job.requestedBy}: `,
      el('span', { id: 'job-status' }, job.status), '. ',
      el('span', { id: 'job-matched' }, `${job.matched}`), ' failed sagas match; ',
      el('span', { id: 'job-replayed' }, `${job.replayed}`), ` ${verb}, ${job.skipped} skipped.`),
    el('progress', { max: String(Math.max(job.matched, 1)), value: String(job.processed), 'aria-label': 'Sagas processed' }),
    ` ${job.processed} of ${job.matched} processed`,
    done && !job.dryRun ? el('p', {}, el('a', { href: '/sagas.html?sort=lastChange' }, 'See the replayed sagas')) : null
  );
  const items = job.dryRun ? job.items.slice(0, 20) : job.items;
  fill(
    document.getElementById('items'),
    el('caption', { class: 'muted' }, job.dryRun ? `Sample: the first ${items.length} of ${job.matched}` : 'Per saga'),
    el('thead', {}, el('tr', {}, ['Saga', 'Outcome', 'Detail', 'At'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, items.map((i) => el('tr', { dataset: { saga: i.sagaId, result: i.result } }, el('td', {}, sagaLink(i.sagaId)), el('td', {}, i.result), el('td', {}, i.detail || ''), el('td', {}, time(i.at)))))
  );
  return done;
}

async function follow(jobId) {
  clearTimeout(following);
  const tick = async () => {
    try {
      const job = await getJson(`/api/replay-jobs/${jobId}`);
      if (!showJob(job)) following = setTimeout(tick, 1000);
      else if (job.dryRun && job.matched > 0 && dryRunFilter === JSON.stringify(filter())) {
        confirmButton.textContent = `Replay ${job.matched} saga${job.matched === 1 ? '' : 's'}`;
        confirmButton.disabled = false;
      }
    } catch (e) {
      fill(document.getElementById('job'), el('div', { class: 'problem' }, e.message));
      following = setTimeout(tick, 2000);
    }
  };
  tick();
}

async function start(dryRun) {
  const body = { ...filter(), dryRun };
  const result = await postJson('/api/replay-jobs', body);
  if (!result.ok) {
    document.getElementById('job-section').hidden = false;
    const why = result.json && result.json.violations ? result.json.violations.map((v) => v.message).join('; ') : result.text;
    fill(document.getElementById('job'), el('div', { class: 'problem' }, `Refused (${result.status}): ${why}`));
    return;
  }
  history.replaceState(null, '', `?job=${result.json.id}`);
  follow(result.json.id);
}

async function setUp() {
  const statuses = document.getElementById('f-statuses');
  FAILED.forEach((s) => statuses.append(el('label', {}, el('input', { type: 'checkbox', name: 'statuses', value: s, checked: s === 'FAILED' }), s)));
  (await kinds()).forEach((k) => document.getElementById('b-type').append(el('option', { value: k }, k)));
  const user = await header();
  if (!user.canReplay) {
    form.hidden = true;
    fill(document.getElementById('viewer-note'), el('p', { class: 'notice' }, 'Bulk replay needs the operator role; you can follow existing jobs (replay.html?job=<id>).'));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    confirmButton.disabled = true;
    dryRunFilter = JSON.stringify(filter());
    start(true);
  });
  // Changing the filter after a dry run asks for a new dry run before the real one.
  form.addEventListener('input', () => {
    if (dryRunFilter !== JSON.stringify(filter())) confirmButton.disabled = true;
  });
  confirmButton.addEventListener('click', () => {
    confirmButton.disabled = true;
    start(false);
  });
  const job = new URLSearchParams(location.search).get('job');
  if (job) follow(job);
}

setUp();
