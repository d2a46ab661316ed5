// Vector index search: POST /api/indexes/{name}/search, asked from the header's search box
// (#/search?index=NAME&q=QUERY, so a search can be bookmarked). Hits best first: key, score, the
// matching chunk and the row's columns; a refused search shows the API's own message.
import { api } from '../api.js';
import { h, replace, errorBox, cellText } from '../ui.js';

export function page(root, ctx) {
  const index = ctx.query.get('index') ?? '';
  const query = ctx.query.get('q') ?? '';
  const nameBox = document.getElementById('index-name');
  const queryBox = document.getElementById('index-query');
  if (queryBox && query) {
    queryBox.value = query;
  }
  if (nameBox && index && Array.from(nameBox.options).some((o) => o.value === index)) {
    nameBox.value = index;
  }
  const status = h('p', { class: 'muted', role: 'status', id: 'search-status' });
  const results = h('div', { id: 'search-results' });
  root.append(h('div', { class: 'page-head' }, h('h1', {}, 'Search')),
    h('p', {}, 'Index ', h('code', {}, index || '–'), ', query ', h('q', {}, query || '–')),
    status, results);
  if (!index || !query) {
    replace(results, errorBox('Choose an index and type a query in the search box above.'));
    return;
  }
  status.textContent = 'Searching…';
  results.setAttribute('aria-busy', 'true');
  const started = performance.now();
  api.search(index, { query, k: 10 })
    .then((answer) => {
      if (!ctx.active) {
        return;
      }
      const hits = answer && Array.isArray(answer.hits) ? answer.hits : [];
      const took = Math.round(performance.now() - started);
      status.textContent = `${hits.length} hit${hits.length === 1 ? '' : 's'} in ${took} ms`;
      replace(results, hitTable(hits));
    })
    .catch((e) => {
      if (!ctx.active) {
        return;
      }
      status.textContent = e.status ? `Refused (HTTP ${e.status})` : 'Failed';
      replace(results, errorBox(e));
    })
    .finally(() => results.removeAttribute('aria-busy'));
}

function hitTable(hits) {
  if (hits.length === 0) {
    return h('p', { class: 'empty', 'data-testid': 'search-hits' }, 'No row matches.');
  }
  const columns = [];
  hits.forEach((hit) => Object.keys(hit.row || {}).forEach((c) => {
    if (!columns.includes(c)) {
      columns.push(c);
    }
  }));
  return h('div', { class: 'table-wrap results' },
    h('table', { 'data-testid': 'search-hits' },
      h('caption', { class: 'visually-hidden' }, 'Search hits, best first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'key'),
        h('th', { scope: 'col', class: 'num' }, 'score'),
        h('th', { scope: 'col' }, 'chunk'),
        columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, hits.map((hit) => h('tr', { dataset: { key: String(hit.key) } },
        h('td', {}, String(hit.key)),
        h('td', { class: 'num' }, Number(hit.score).toFixed(3)),
        h('td', {}, hit.chunk ?? ''),
        columns.map((c) => {
          const v = hit.row ? hit.row[c] : undefined;
          return h('td', { class: v === null || v === undefined ? 'null' : null },
            v === null || v === undefined ? 'NULL' : cellText(v));
        }))))));
}
