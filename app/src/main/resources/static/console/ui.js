// DOM helpers and formatting. Every value from the hub goes in as text (textContent), never as HTML.

/**
 * Creates an element. attrs: attributes, plus `on<event>` handlers and `dataset`; children: nodes,
 * strings (as text), arrays of them, or null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A table: columns [{label, cell: (row) => node|string, num: bool}], rows; `empty` when no rows.
 * `caption` names the table for screen readers.
 */
export function table({ caption, columns, rows, empty = 'Nothing yet.', testid }) {
  if (!rows || rows.length === 0) {
    return h('p', { class: 'empty', 'data-testid': testid }, empty);
  }
  return h('div', { class: 'table-wrap' },
    h('table', { 'data-testid': testid },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => {
        const value = c.cell(row);
        return h('td', { class: c.num ? 'num' : null }, value === null || value === undefined ? dash() : value);
      }))))));
}

export function dash() {
  return h('span', { class: 'muted', 'aria-label': 'none' }, '–');
}

const NUMBER = new Intl.NumberFormat('en');

export function count(n) {
  return n === null || n === undefined ? '–' : NUMBER.format(n);
}

export function bytes(n) {
  if (n === null || n === undefined) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "3 min" for a duration in milliseconds. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '–';
  }
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** An ISO-8601 instant as a <time>: "2026-11-30 13:41:15" in the browser's zone, the exact value as its title. */
export function time(iso) {
  if (!iso) {
    return dash();
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return h('time', { datetime: iso }, iso);
  }
  const p = (n) => String(n).padStart(2, '0');
  const shown = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return h('time', { datetime: iso, title: `${iso} (shown in ${Intl.DateTimeFormat().resolvedOptions().timeZone})` }, shown);
}

/** "5 min ago" (or "in 5 min") for an ISO-8601 instant. */
export function ago(iso) {
  if (!iso) {
    return dash();
  }
  const ms = Date.now() - new Date(iso).getTime();
  const text = ms >= 0 ? `${duration(ms)} ago` : `in ${duration(-ms)}`;
  return h('time', { datetime: iso, title: iso, 'data-relative': true }, text);
}

/** A run or job status as a coloured badge (colour plus the word, never colour alone). */
export function badge(status) {
  if (!status) {
    return dash();
  }
  return h('span', { class: `badge badge-${String(status).replace(/[^a-z-]/g, '-')}`, 'data-status': status }, status);
}

/** An error from the API, shown as it came, in an alert region. */
export function errorBox(error, prefix) {
  const text = error && error.message ? error.message : String(error);
  return h('div', { class: 'error', role: 'alert', 'data-testid': 'error' }, prefix ? `${prefix}: ${text}` : text);
}

export function link(href, text) {
  return h('a', { href }, text);
}

/**
 * A progress bar for done/total work, with rate and ETA when given: the API's `progress` document
 * (a maintenance job's items, or an ingest's bytes of its file with the rows read so far).
 */
export function progress({ done, total, rate, eta_seconds: eta, unit = '', rows = null }) {
  const known = typeof total === 'number' && total > 0;
  const bar = h('progress', known ? { max: total, value: Math.min(done, total) } : {});
  const amount = unit === 'bytes' ? (n) => bytes(n) : (n) => `${count(n)} ${unit}`.trim();
  const parts = [known ? `${amount(Math.min(done, total))} / ${amount(total)}` : amount(done)];
  if (typeof rows === 'number' && unit !== 'rows') {
    parts.push(`${count(rows)} rows`);
  }
  if (typeof rate === 'number') {
    // Slow work (an autotune run's trials) keeps two significant digits: 0.25 trials/s, not 0.
    parts.push(`${amount(rate >= 10 ? Math.round(rate) : Number(rate.toPrecision(2)))}/s`);
  }
  if (typeof eta === 'number') {
    parts.push(`ETA ${duration(eta * 1000)}`);
  }
  return h('div', { class: 'progress', 'data-testid': 'progress' }, bar, h('span', {}, parts.join(' · ')));
}

/** The page heading and an optional line of actions next to it. */
export function heading(text, ...actions) {
  return h('div', { class: 'page-head' }, h('h1', {}, text), actions.length ? h('div', { class: 'actions' }, actions) : null);
}

/** A value from a SQL result as text: JSON for arrays and objects, empty for null. */
export function cellText(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** RFC 4180 CSV of a SQL result: a header line, then the rows; nulls as empty fields. */
export function toCsv(columns, rows) {
  const field = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [columns.map((c) => field(c.name)).join(',')];
  for (const row of rows) {
    lines.push(row.map((v) => field(cellText(v))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const shown = new WeakMap();

/**
 * Rebuilds el from data with build(data) only when data changed since the last call, so polling
 * does not disturb a user reading or tabbing through the page; keyboard focus on an element with
 * a data-focus-key comes back to its rebuilt twin.
 */
export function renderIfChanged(el, data, build) {
  const json = JSON.stringify(data);
  if (shown.get(el) === json) {
    return;
  }
  shown.set(el, json);
  const focused = document.activeElement;
  const key = focused && el.contains(focused) ? focused.dataset.focusKey : undefined;
  replace(el, build(data));
  if (key) {
    const twin = el.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (twin) {
      twin.focus();
    }
  }
}

/** Forgets what renderIfChanged showed in el (after an error replaced it). */
export function forget(el) {
  shown.delete(el);
}
