// Audit: GET /api/audit?limit=n (the newest events) filtered here, and GET /api/audit/verify
// (checked when the page opens and on demand: it re-hashes the whole journal).
import { api } from '../api.js';
import { h, replace, table, time, count, errorBox, renderIfChanged, forget, badge } from '../ui.js';

export function page(root, ctx) {
  const verify = h('div', { class: 'verify', 'aria-live': 'polite', 'data-testid': 'audit-verify' }, 'Checking the chain…');
  const verifyButton = h('button', { type: 'button', onclick: () => check() }, 'Verify now');
  const action = h('select', { id: 'audit-action' }, h('option', { value: '' }, 'any action'));
  const actor = h('input', { id: 'audit-actor', type: 'search', placeholder: 'e.g. pipeline:people' });
  const entity = h('input', { id: 'audit-entity', type: 'search', placeholder: 'e.g. dataset:people' });
  const limit = h('select', { id: 'audit-limit' }, [100, 500, 1000].map((n) => h('option', { value: n }, String(n))));
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  let events = [];

  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the audit journal', onsubmit: (e) => e.preventDefault() },
    field('Action', action),
    field('Actor contains', actor),
    field('Entity contains', entity),
    field('Newest', limit));
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Audit'), h('div', { class: 'actions' }, verifyButton)),
    h('p', { class: 'lead' }, 'The hash-chained journal of everything that changed the lake, newest first.'),
    verify,
    filters,
    body);

  const show = () => {
    const a = action.value;
    const who = actor.value.trim().toLowerCase();
    const what = entity.value.trim().toLowerCase();
    const shown = events.filter((e) => (!a || e.action === a)
      && (!who || (e.actor || '').toLowerCase().includes(who))
      && (!what || (e.entity || '').toLowerCase().includes(what)));
    renderIfChanged(body, { shown, of: events.length }, ({ shown: rows }) => [
      h('p', { class: 'muted' }, `${count(rows.length)} of the ${count(events.length)} newest events`),
      table({
        caption: 'Audit events, newest first',
        testid: 'audit',
        empty: 'No event matches.',
        rows,
        columns: [
          { label: 'Seq', num: true, cell: (e) => e.seq },
          { label: 'Time', cell: (e) => time(e.time) },
          { label: 'Actor', cell: (e) => e.actor },
          { label: 'Action', cell: (e) => h('code', {}, e.action) },
          { label: 'Entity', cell: (e) => e.entity },
          { label: 'Details', cell: (e) => details(e.details) },
        ],
      }),
    ]);
  };
  for (const input of [action, actor, entity]) {
    input.addEventListener('input', show);
  }
  limit.addEventListener('change', () => ctx.refreshNow());

  async function check() {
    verifyButton.disabled = true;
    try {
      const v = await api.verifyAudit();
      replace(verify, v.intact
        ? h('p', {}, badge('intact'), ` Every hash and link of the ${count(v.events_checked)} events checks out.`)
        : h('div', { role: 'alert' }, badge('broken'), ` The chain does not hold (${count(v.events_checked)} events checked):`,
          h('ul', {}, v.problems.map((p) => h('li', {}, p)))));
    } catch (e) {
      replace(verify, errorBox(e, 'Cannot verify the journal'));
    } finally {
      verifyButton.disabled = false;
    }
  }
  check();

  ctx.live(async () => {
    try {
      const page = await api.audit(limit.value);
      events = page.events;
      body.removeAttribute('aria-busy');
      const actions = [...new Set(events.map((e) => e.action))].sort();
      const known = [...action.options].slice(1).map((o) => o.value);
      if (actions.join() !== known.join()) {
        const chosen = action.value;
        replace(action, h('option', { value: '' }, 'any action'), actions.map((a) => h('option', { value: a }, a)));
        action.value = actions.includes(chosen) ? chosen : '';
      }
      show();
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, 'Cannot read the audit journal'));
    }
  });
}

function field(label, input) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

function details(value) {
  if (value === null || value === undefined) {
    return null;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return h('code', { class: 'wrap details', title: text }, text.length > 160 ? `${text.slice(0, 157)}…` : text);
}
