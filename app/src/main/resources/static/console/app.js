// The console's shell: hash routing, live updates by polling (paused while the tab is hidden),
// the hub's health in the header, and the vector index search box once the hub has indexes.
import { api } from './api.js';
import { h, replace, duration } from './ui.js';
import * as datasets from './pages/datasets.js';
import * as pipelines from './pages/pipelines.js';
import * as sql from './pages/sql.js';
import * as audit from './pages/audit.js';
import * as jobs from './pages/jobs.js';
import * as search from './pages/search.js';

/**
 * How often a page re-reads the API while it is shown and the tab is visible: 3 s, or the
 * milliseconds (250 to 60000) in localStorage 'lakehub.console.poll-millis' (slow links, tests).
 */
export const POLL_MILLIS = pollMillis();

function pollMillis() {
  const chosen = Number.parseInt(localStorage.getItem('lakehub.console.poll-millis') ?? '', 10);
  return chosen >= 250 && chosen <= 60000 ? chosen : 3000;
}

const ROUTES = [
  { pattern: /^\/datasets$/, page: datasets.list, nav: 'datasets', title: 'Datasets' },
  { pattern: /^\/datasets\/([^/]+)$/, page: datasets.detail, nav: 'datasets', title: 'Dataset' },
  { pattern: /^\/pipelines$/, page: pipelines.list, nav: 'pipelines', title: 'Pipelines' },
  { pattern: /^\/pipelines\/([^/]+)$/, page: pipelines.detail, nav: 'pipelines', title: 'Pipeline' },
  { pattern: /^\/runs\/(\d+)$/, page: pipelines.run, nav: 'pipelines', title: 'Run' },
  { pattern: /^\/sql$/, page: sql.page, nav: 'sql', title: 'SQL' },
  { pattern: /^\/audit$/, page: audit.page, nav: 'audit', title: 'Audit' },
  { pattern: /^\/jobs$/, page: jobs.page, nav: 'jobs', title: 'Jobs' },
  { pattern: /^\/search$/, page: search.page, nav: 'search', title: 'Search' },
];

const main = document.getElementById('main');
let current = null;

/** One page's live work: its refresh functions, stopped when the user leaves the page. */
class PageContext {
  constructor(params, query) {
    this.params = params;
    this.query = query;
    this.refreshers = [];
    this.timer = null;
    this.active = true;
  }

  /** Calls refresh now and then every POLL_MILLIS while the page is shown and the tab visible. */
  live(refresh) {
    const entry = { refresh, running: false };
    this.refreshers.push(entry);
    this.tick(entry);
    this.schedule();
  }

  /** Re-reads at once (after an action), without waiting for the next poll. */
  refreshNow() {
    this.refreshers.forEach((entry) => this.tick(entry));
  }

  async tick(entry) {
    if (!this.active || entry.running) {
      return;
    }
    entry.running = true;
    try {
      await entry.refresh();
    } catch (e) {
      // A page shows its own errors; one that escaped must not stop the polling.
      console.error('Lakehub console: a refresh failed', e);
    } finally {
      entry.running = false;
    }
  }

  schedule() {
    if (this.timer === null && this.active && this.refreshers.length > 0 && !document.hidden) {
      this.timer = setInterval(() => this.refreshers.forEach((entry) => this.tick(entry)), POLL_MILLIS);
    }
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
  }

  resume() {
    this.refreshNow();
    this.schedule();
  }

  stop() {
    this.active = false;
    this.pause();
  }
}

function route() {
  const raw = location.hash.replace(/^#/, '') || '/datasets';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  if (current) {
    current.stop();
  }
  document.querySelectorAll('nav a[data-page]').forEach((a) => {
    if (match && a.dataset.page === match.r.nav) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (!match) {
    current = null;
    document.title = 'Not found · Lakehub';
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no console page at ', h('code', {}, path), '. ',
      h('a', { href: '#/datasets' }, 'Go to the datasets.')));
    return;
  }
  const params = match.m.slice(1).map((p) => decodeURIComponent(p));
  current = new PageContext(params, query);
  document.title = `${params[0] ? `${params[0]} · ` : ''}${match.r.title} · Lakehub`;
  replace(main);
  match.r.page(main, current);
  // Keyboard and screen reader users land on the new page, unless the page focused a control itself.
  if (!main.contains(document.activeElement)) {
    main.focus({ preventScroll: true });
  }
}

document.addEventListener('visibilitychange', () => {
  if (!current) {
    return;
  }
  if (document.hidden) {
    current.pause();
  } else {
    current.resume();
    refreshHealth();
  }
});

// Relative times ("5 min ago") are rewritten in place, so a refresh never has to rebuild a table just for them.
setInterval(() => {
  if (document.hidden) {
    return;
  }
  document.querySelectorAll('time[data-relative]').forEach((t) => {
    const ms = Date.now() - new Date(t.dateTime).getTime();
    t.textContent = ms >= 0 ? `${duration(ms)} ago` : `in ${duration(-ms)}`;
  });
}, 1000);

const hubStatus = document.getElementById('hub-status');

async function refreshHealth() {
  const { status, body } = await api.health();
  const state = body && body.status ? body.status : status === 0 ? 'UNREACHABLE' : `HTTP ${status}`;
  hubStatus.textContent = `hub ${state}`;
  hubStatus.dataset.state = state;
  const down = body && body.components
    ? Object.entries(body.components).filter(([, c]) => c.status !== 'UP').map(([name, c]) => `${name}: ${c.status}`)
    : [];
  hubStatus.title = down.length ? down.join(', ') : 'Every health check is UP (GET /actuator/health)';
}

setInterval(() => {
  if (!document.hidden) {
    refreshHealth();
  }
}, POLL_MILLIS * 2);
refreshHealth();

const indexSearch = document.getElementById('index-search');
const indexName = document.getElementById('index-name');
const indexQuery = document.getElementById('index-query');
// Shown once the hub has a vector index (GET /api/indexes lists one); the list is re-read with the health.
// Submitting opens #/search?index=NAME&q=QUERY, which asks POST /api/indexes/{name}/search.
indexSearch.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = indexQuery.value.trim();
  if (!q || !indexName.value) {
    return;
  }
  const target = `#/search?${new URLSearchParams({ index: indexName.value, q })}`;
  if (location.hash === target) {
    route();
  } else {
    location.hash = target;
  }
});

async function refreshIndexes() {
  const names = (await api.indexes()).map((i) => i.name).filter(Boolean);
  const shown = Array.from(indexName.options).map((o) => o.value);
  if (names.join('\n') !== shown.join('\n')) {
    const chosen = indexName.value;
    replace(indexName, names.map((n) => h('option', { value: n }, n)));
    if (names.includes(chosen)) {
      indexName.value = chosen;
    }
  }
  indexSearch.hidden = names.length === 0;
}

setInterval(() => {
  if (!document.hidden) {
    refreshIndexes();
  }
}, POLL_MILLIS * 2);
refreshIndexes();

window.addEventListener('hashchange', route);
route();
