// The hub's HTTP API, and nothing else: every page reads and acts through these calls.

/** An error answer of the API ({"error": "..."}), with its HTTP status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

// A hub with API keys (docs/security.md) answers 401 without one: the console asks for the key once
// and keeps it in this browser's localStorage, sending it as X-Api-Key. A hub without keys never asks.
const KEY_ITEM = 'lakehub.apiKey';

function apiKey() {
  try {
    return window.localStorage.getItem(KEY_ITEM);
  } catch (e) {
    return null;
  }
}

function askForKey(message) {
  const key = window.prompt(`${message}\n\nAPI key for this hub (kept in this browser):`);
  if (key) {
    try {
      window.localStorage.setItem(KEY_ITEM, key.trim());
    } catch (e) {
      // Storage refused (private mode): the key is used for this request only.
    }
  }
  return key ? key.trim() : null;
}

async function send(path, init) {
  const key = apiKey();
  const headers = key ? { ...init.headers, 'X-Api-Key': key } : init.headers;
  let response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    const text = await response.clone().text();
    let message = 'This hub requires an API key.';
    try {
      message = JSON.parse(text).error || message;
    } catch (e) {
      // not JSON: keep the default message
    }
    const entered = askForKey(message);
    if (entered) {
      response = await fetch(path, { ...init, headers: { ...init.headers, 'X-Api-Key': entered } });
    }
  }
  return response;
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await send(path, init);
  } catch (e) {
    throw new ApiError(0, `The hub did not answer (${e.message}); is it running?`);
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : `HTTP ${response.status} from ${path}`;
    throw new ApiError(response.status, message);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  datasets: () => request('GET', '/api/datasets'),
  dataset: (name) => request('GET', `/api/datasets/${enc(name)}`),
  sql: (sql) => request('POST', '/api/sql', { sql }),
  audit: (limit) => request('GET', `/api/audit?limit=${enc(limit)}`),
  verifyAudit: () => request('GET', '/api/audit/verify'),
  schedules: () => request('GET', '/api/schedules'),
  pipelineRuns: (id, limit) => request('GET', `/api/pipelines/${enc(id)}/runs?limit=${enc(limit)}`),
  runPipeline: (id) => request('POST', `/api/pipelines/${enc(id)}/run`),
  pause: (id) => request('POST', `/api/pipelines/${enc(id)}/pause`),
  resume: (id) => request('POST', `/api/pipelines/${enc(id)}/resume`),
  run: (id) => request('GET', `/api/runs/${enc(id)}`),
  runLog: (id) => request('GET', `/api/runs/${enc(id)}/log`),
  jobs: () => request('GET', '/api/jobs'),
  ingests: () => request('GET', '/api/ingests'),
  /** Vector index refreshes and autotune runs: running and queued first, then finished ones newest first. */
  indexJobs: (limit = 50) => request('GET', `/api/index-jobs?limit=${enc(limit)}`),
  runJob: (id, kind) => request('POST', `/api/jobs/${enc(id)}/run?kind=${enc(kind)}`),
  health: () => fetch('/actuator/health', { headers: { Accept: 'application/json' } })
    .then((r) => r.json().then((body) => ({ status: r.status, body })))
    .catch(() => ({ status: 0, body: null })),
  /**
   * The vector indexes (GET /api/indexes), or [] when the hub has none or no such endpoint: the
   * header's search box shows only when there is an index to search. Never asks for an API key.
   */
  indexes: () => fetch('/api/indexes', {
    headers: apiKey() ? { Accept: 'application/json', 'X-Api-Key': apiKey() } : { Accept: 'application/json' },
  })
    .then((r) => (r.ok ? r.json() : []))
    .then((list) => (Array.isArray(list) ? list : []))
    .catch(() => []),
  search: (name, body) => request('POST', `/api/indexes/${enc(name)}/search`, body),
};
