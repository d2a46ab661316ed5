// Datasets: GET /api/datasets (the list) and GET /api/datasets/{name} (schema and its versions,
// snapshots, lineage, freshness).
import { api } from '../api.js';
import { h, table, count, bytes, time, ago, heading, errorBox, renderIfChanged, forget, dash, replace } from '../ui.js';

export function list(root, ctx) {
  const body = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(
    heading('Datasets'),
    h('p', { class: 'lead' }, 'Every dataset in the lake, its size, and how long ago it was last committed to.'),
    body);
  ctx.live(async () => {
    try {
      const rows = await api.datasets();
      body.removeAttribute('aria-busy');
      renderIfChanged(body, rows, (data) => table({
        caption: 'Datasets',
        testid: 'datasets',
        empty: 'No dataset yet: drop a file into the inbox, run a pipeline, or ./lakehub ingest FILE.',
        rows: [...data].sort((a, b) => a.name.localeCompare(b.name)),
        columns: [
          { label: 'Dataset', cell: (d) => h('a', { href: `#/datasets/${encodeURIComponent(d.name)}` }, d.name) },
          { label: 'Rows', num: true, cell: (d) => count(d.row_count) },
          { label: 'Files', num: true, cell: (d) => count(d.file_count) },
          { label: 'Size', num: true, cell: (d) => bytes(d.size_bytes) },
          { label: 'Snapshot', num: true, cell: (d) => d.current_snapshot ?? dash() },
          { label: 'Schema', num: true, cell: (d) => `v${d.schema_version}` },
          { label: 'Last commit', cell: (d) => ago(d.updated_at) },
        ],
      }));
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, 'Cannot list the datasets'));
    }
  });
}

export function detail(root, ctx) {
  const [name] = ctx.params;
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/datasets' }, 'Datasets'), ' / '),
    heading(name, h('a', { class: 'button', href: `#/sql?q=${encodeURIComponent(`SELECT * FROM ${name} LIMIT 100`)}` }, 'Query')),
    body);
  ctx.live(async () => {
    try {
      const d = await api.dataset(name);
      body.removeAttribute('aria-busy');
      renderIfChanged(body, d, render);
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, `Cannot read dataset '${name}'`));
    }
  });
}

// A column's scan result as text: "EMAIL 0.97 (hash)", "none", or a dash when it was not scanned;
// the title adds what was sampled.
function piiCell(c) {
  if (c.pii == null) return dash();
  const text = c.pii === 'none'
    ? 'none'
    : `${c.pii}${c.confidence == null ? '' : ' ' + c.confidence.toFixed(2)}${c.pii_action ? ' (' + c.pii_action + ')' : ''}`;
  const title = c.sampled == null ? null
    : `${c.sampled} values sampled, match ratio ${(c.match_ratio ?? 0).toFixed(3)}, schema v${c.pii_schema_version ?? '?'}`;
  return h('span', title ? { 'data-pii': c.pii, title } : { 'data-pii': c.pii }, text);
}

function render(d) {
  const key = new Set(d.key || []);
  // The PII column appears once the catalog holds a scan result for a column (pii: a type or
  // "none"; null for a column no ingest scanned): the type with its confidence and the policy.
  const classified = d.columns.some((c) => c.pii != null);
  return [
    h('dl', { class: 'facts' },
      fact('Rows', count(d.row_count)),
      fact('Files', count(d.file_count)),
      fact('Size', bytes(d.size_bytes)),
      fact('Current snapshot', d.current_snapshot ?? dash()),
      fact('Schema version', `v${d.schema_version}`),
      fact('Mode', key.size ? `upsert on ${[...key].join(', ')}` : 'append'),
      fact('Created', time(d.created_at)),
      fact('Freshness', h('span', { 'data-testid': 'freshness' }, 'last commit ', ago(d.updated_at)))),
    h('section', { 'aria-labelledby': 'schema-h' },
      h('h2', { id: 'schema-h' }, 'Schema'),
      table({
        caption: 'Columns',
        testid: 'columns',
        rows: d.columns,
        columns: [
          { label: 'Column', cell: (c) => h('code', {}, c.name) },
          { label: 'Type', cell: (c) => c.type },
          { label: 'Nullable', cell: (c) => (c.nullable ? 'yes' : 'no') },
          { label: 'Key', cell: (c) => (key.has(c.name) ? 'key' : '') },
          classified ? { label: 'PII', cell: piiCell } : null,
        ].filter(Boolean),
      })),
    h('section', { 'aria-labelledby': 'versions-h' },
      h('h2', { id: 'versions-h' }, 'Schema versions'),
      table({
        caption: 'Schema versions, oldest first',
        rows: d.schema_versions,
        columns: [
          { label: 'Version', num: true, cell: (v) => `v${v.version}` },
          { label: 'Created', cell: (v) => time(v.created_at) },
          { label: 'Changes', cell: (v) => (v.changes && v.changes.length ? h('ul', { class: 'plain' }, v.changes.map((c) => h('li', {}, c))) : 'initial schema') },
          { label: 'Columns', num: true, cell: (v) => count(v.columns.length) },
        ],
      })),
    h('section', { 'aria-labelledby': 'snapshots-h' },
      h('h2', { id: 'snapshots-h' }, 'Snapshots'),
      table({
        caption: 'Snapshots, newest first',
        testid: 'snapshots',
        rows: d.snapshots,
        columns: [
          { label: 'Snapshot', num: true, cell: (s) => s.id },
          { label: 'Operation', cell: (s) => s.operation },
          { label: 'Committed', cell: (s) => time(s.committed_at) },
          { label: 'By', cell: (s) => s.actor },
          { label: 'Rows', num: true, cell: (s) => count(s.total_rows) },
          { label: 'Inserted', num: true, cell: (s) => count(s.inserted_rows) },
          { label: 'Updated', num: true, cell: (s) => count(s.updated_rows) },
          { label: 'Deleted', num: true, cell: (s) => count(s.deleted_rows) },
          { label: 'Files', num: true, cell: (s) => count(s.added_files) },
          { label: 'Schema', num: true, cell: (s) => `v${s.schema_version}` },
        ],
      })),
    h('section', { 'aria-labelledby': 'lineage-h' },
      h('h2', { id: 'lineage-h' }, 'Lineage'),
      table({
        caption: 'Lineage, newest first',
        testid: 'lineage',
        empty: 'No lineage recorded.',
        rows: d.lineage,
        columns: [
          { label: 'Snapshot', num: true, cell: (l) => l.snapshot_id },
          { label: 'Time', cell: (l) => time(l.time) },
          { label: 'Source', cell: (l) => l.source_system },
          { label: 'From', cell: (l) => h('code', { class: 'wrap' }, l.source_uri ?? '') },
          { label: 'Pipeline', cell: (l) => (l.pipeline ? h('a', { href: `#/pipelines/${encodeURIComponent(l.pipeline)}` }, l.pipeline) : null) },
          { label: 'Rows', num: true, cell: (l) => count(l.row_count) },
        ],
      })),
  ];
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
