// The hub's HTTP API, and nothing else: every page reads and acts through these calls.

/** An error answer of the API ({"error": "..."}), with its HTTP status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
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
  runJob: (id, kind) => request('POST', `/api/jobs/${enc(id)}/run?kind=${enc(kind)}`),
  health: () => fetch('/actuator/health', { headers: { Accept: 'application/json' } })
    .then((r) => r.json().then((body) => ({ status: r.status, body })))
    .catch(() => ({ status: 0, body: null })),
  /** Whether the hub has a vector index endpoint (GET /api/indexes); hidden until one exists. */
  hasIndexes: () => fetch('/api/indexes', { headers: { Accept: 'application/json' } })
    .then((r) => r.ok)
    .catch(() => false),
};
