// The overview: counts by kind and state, ECS quota use by region, recent failure codes, stuck
// sagas and events. Polls /api/overview every 2 s and sooner when the event stream says something
// happened; the sparklines show the samples taken since the page opened.
import {
  ACTIVE, FAILED, STATUSES, kinds, el, fill, getJson, header, every, followEvents, sparkline,
} from './common.js';

const HISTORY = 60;
const history = { active: [], succeeded: [], failed: [], stuck: [], events: [], backlog: [] };

function remember(key, value) {
  history[key].push(value);
  if (history[key].length > HISTORY) history[key].shift();
}

function total(counts, statuses) {
  return counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c.count, 0);
}

function tile(id, label, value, key, href) {
  const number = el('div', { class: 'value', id: `tile-${id}` }, value);
  return el(
    'div',
    { class: 'tile' },
    el('div', { class: 'label' }, href ? el('a', { href }, label) : label),
    number,
    sparkline(history[key], label)
  );
}

function tiles(o) {
  const active = total(o.sagas, ACTIVE);
  const succeeded = total(o.sagas, ['SUCCEEDED']);
  const failed = total(o.sagas, FAILED);
  remember('active', active);
  remember('succeeded', succeeded);
  remember('failed', failed);
  remember('stuck', o.stuck);
  remember('events', Math.round(o.events.perSecond * 10) / 10);
  remember('backlog', o.outboxBacklog);
  fill(
    document.getElementById('tiles'),
    tile('active', 'In progress', active, 'active', `/sagas.html?status=${ACTIVE.join(',')}`),
    tile('succeeded', 'Succeeded', succeeded, 'succeeded', '/sagas.html?status=SUCCEEDED'),
    tile('failed', 'Failed', failed, 'failed', `/sagas.html?status=${FAILED.join(',')}`),
    tile('stuck', `Stuck (> ${o.stuckAfterSeconds} s overdue)`, o.stuck, 'stuck'),
    tile('events', 'Events published / s', o.events.perSecond.toFixed(1), 'events'),
    tile('backlog', 'Events waiting in the outbox', o.outboxBacklog, 'backlog')
  );
}

function counts(o, types) {
  const cell = (type, status) => {
    const found = o.sagas.find((c) => c.type === type && c.status === status);
    const n = found ? found.count : 0;
    const link = el('a', { href: `/sagas.html?type=${type}&status=${status}` }, n);
    return el('td', { class: 'num', dataset: { type, status } }, n ? link : '0');
  };
  fill(
    document.getElementById('counts'),
    el('caption', { class: 'muted' }, 'Click a number to list those sagas.'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kind'), STATUSES.map((s) => el('th', { scope: 'col', class: 'num' }, s)))),
    el('tbody', {}, types.map((type) => el('tr', {}, el('th', { scope: 'row' }, type), STATUSES.map((s) => cell(type, s)))))
  );
}

function calls(region) {
  if (!region.calls.length) return el('span', { class: 'muted' }, 'no calls lately');
  return el(
    'ul',
    { class: 'plain' },
    region.calls.map((c) => {
      const budget = c.instanceBudgetPerSecond;
      return el(
        'li',
        {},
        `${c.action}: ${c.perSecond.toFixed(2)}/s `,
        budget
          ? el('meter', { min: '0', max: String(budget), value: String(Math.min(c.perSecond, budget)), 'aria-label': `${c.action} calls against this instance's budget` })
          : null,
        budget ? ` of ${budget.toFixed(1)}/s` : ' (no budget)'
      );
    })
  );
}

function regions(o) {
  fill(
    document.getElementById('regions-note'),
    `ECS calls of this instance over the last ${Math.round(o.events.windowSeconds)} s, against its share of the service-wide budget (${o.liveInstances} live instance${o.liveInstances === 1 ? '' : 's'}).`
  );
  fill(
    document.getElementById('regions'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Region'), el('th', { scope: 'col', class: 'num' }, 'In progress'), el('th', { scope: 'col', class: 'num' }, 'Waiting for quota'), el('th', { scope: 'col' }, 'ECS calls / s'))),
    el(
      'tbody',
      {},
      o.regions.length
        ? o.regions.map((r) =>
            el('tr', { dataset: { region: r.regionId } },
              el('th', { scope: 'row' }, el('a', { href: `/sagas.html?regionId=${encodeURIComponent(r.regionId)}` }, r.regionId)),
              el('td', { class: 'num' }, r.active),
              el('td', { class: 'num' }, r.waitingForQuota),
              el('td', {}, calls(r))))
        : el('tr', {}, el('td', { colspan: '4', class: 'muted' }, 'Nothing in progress, no ECS calls lately.'))
    )
  );
}

function failures(o) {
  fill(
    document.getElementById('failures'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col', class: 'num' }, 'Sagas'), el('th', { scope: 'col' }, 'Latest message'))),
    el(
      'tbody',
      {},
      o.failures.length
        ? o.failures.map((f) =>
            el('tr', { dataset: { code: f.code } },
              el('th', { scope: 'row' }, el('a', { href: `/sagas.html?errorCode=${encodeURIComponent(f.code)}&status=${FAILED.join(',')}` }, f.code)),
              el('td', { class: 'num' }, f.count),
              el('td', {}, f.lastMessage || '', ' ', f.lastSagaId ? el('a', { href: `/saga.html?id=${f.lastSagaId}` }, '(latest saga)') : null)))
        : el('tr', {}, el('td', { colspan: '3', class: 'muted' }, `No saga failed in the last ${o.failureWindowMinutes} minutes.`))
    )
  );
}

async function refresh() {
  const o = await getJson('/api/overview');
  tiles(o);
  counts(o, await kinds());
  regions(o);
  failures(o);
}

header();
const now = every(2000, refresh, document.getElementById('updated'));
let nudge = null;
followEvents(() => {
  clearTimeout(nudge);
  nudge = setTimeout(now, 300);
});
