// SQL: POST /api/sql, the same endpoint (and so the same read-only guard) as ./lakehub sql.
import { api } from '../api.js';
import { h, replace, count, errorBox, cellText, toCsv } from '../ui.js';

const DRAFT = 'lakehub.console.sql';
let lastSql = null;

export function page(root, ctx) {
  const initial = ctx.query.get('q') ?? sessionStorage.getItem(DRAFT) ?? 'SELECT 42 AS answer';
  const editor = h('textarea', {
    id: 'sql-editor',
    name: 'sql',
    rows: 8,
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-describedby': 'sql-help',
  });
  editor.value = initial;
  const runButton = h('button', { type: 'submit', id: 'sql-run', class: 'primary' }, 'Run');
  const download = h('button', { type: 'button', id: 'sql-csv', disabled: true }, 'Download CSV');
  const status = h('p', { class: 'muted', role: 'status', id: 'sql-status' });
  const results = h('div', { id: 'sql-results' });
  let result = null;

  const form = h('form', {
    class: 'sql-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const sql = editor.value.trim();
      if (!sql) {
        replace(results, errorBox('Write a SELECT first.'));
        return;
      }
      sessionStorage.setItem(DRAFT, editor.value);
      lastSql = sql;
      runButton.disabled = true;
      download.disabled = true;
      results.setAttribute('aria-busy', 'true');
      status.textContent = 'Running…';
      const started = performance.now();
      try {
        result = await api.sql(sql);
        const took = Math.round(performance.now() - started);
        status.textContent = `${count(result.row_count)} row${result.row_count === 1 ? '' : 's'} in ${took} ms`
          + (result.truncated ? ' — truncated at the hub\'s row limit (lakehub.query.max-rows)' : '');
        replace(results, resultTable(result));
        download.disabled = false;
      } catch (e) {
        result = null;
        status.textContent = e.status ? `Refused (HTTP ${e.status})` : 'Failed';
        replace(results, errorBox(e));
      } finally {
        results.removeAttribute('aria-busy');
        runButton.disabled = false;
      }
    },
  },
  h('label', { for: 'sql-editor' }, 'SQL'),
  editor,
  h('p', { id: 'sql-help', class: 'help' },
    'One read-only statement over the lake\'s datasets, as with ./lakehub sql. ',
    h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ' runs it.'),
  h('div', { class: 'buttons' }, runButton, download));

  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  download.addEventListener('click', () => {
    if (!result) {
      return;
    }
    const blob = new Blob([toCsv(result.columns, result.rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: 'lakehub-query.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  root.append(h('div', { class: 'page-head' }, h('h1', {}, 'SQL')), form, status, results);
  if (ctx.query.get('q') !== null && ctx.query.get('q') !== lastSql) {
    // Opened from a dataset's "Query" button: run it straight away.
    form.requestSubmit();
  }
  editor.focus();
}

function resultTable(result) {
  if (result.columns.length === 0) {
    return h('p', { class: 'empty' }, 'The statement returned no columns.');
  }
  return h('div', { class: 'table-wrap results' },
    h('table', { 'data-testid': 'sql-result' },
      h('caption', { class: 'visually-hidden' }, 'Query result'),
      h('thead', {}, h('tr', {}, result.columns.map((c) => h('th', { scope: 'col', title: c.type },
        c.name, h('span', { class: 'type' }, c.type))))),
      h('tbody', {}, result.rows.map((row) => h('tr', {}, row.map((v, i) => h('td', {
        class: [isNumeric(result.columns[i].type) ? 'num' : null, v === null ? 'null' : null].filter(Boolean).join(' ') || null,
      }, v === null ? 'NULL' : cellText(v))))))));
}

function isNumeric(type) {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type);
}
