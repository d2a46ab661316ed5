// Jobs: GET /api/jobs (pipelines and maintenance jobs: state, schedule, next fire, last run) and
// POST /api/jobs/{id}/run?kind=... A job that reports progress ({done, total, rate, eta_seconds})
// gets a progress bar: maintenance jobs, and pipelines while their run reads a file or polls.
// Above them, the background work in progress: GET /api/ingests (inbox files, pipeline runs'
// files and polls, API ingests), each with its progress bar; and the work on vector indexes:
// GET /api/index-jobs (refreshes and autotune runs, running and queued first, then the finished
// ones newest first), a running one with its progress bar (chunks embedded or trials run).
import { api, ApiError } from '../api.js';
import { h, replace, table, ago, badge, count, errorBox, renderIfChanged, forget, progress } from '../ui.js';

/** How many index jobs the page shows (GET /api/index-jobs?limit=). */
const INDEX_JOBS = 50;

export function page(root, ctx) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const work = h('div');
  const indexWork = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Jobs')),
    h('p', { class: 'lead' }, 'Background work: ingests, vector index refreshes and autotune runs, pipelines and the lake\'s maintenance jobs, what they are doing and how their last run went.'),
    notice,
    h('section', { 'aria-labelledby': 'work-h' }, h('h2', { id: 'work-h' }, 'Ingests in progress'), work),
    h('section', { 'aria-labelledby': 'index-work-h', 'data-testid': 'index-work' }, h('h2', { id: 'index-work-h' }, 'Index work'), indexWork),
    h('section', { 'aria-labelledby': 'jobs-h' }, h('h2', { id: 'jobs-h' }, 'Jobs'), body));
  ctx.live(async () => {
    try {
      const ingests = await api.ingests();
      renderIfChanged(work, ingests, (data) => table({
        caption: 'Ingests in progress, oldest first',
        testid: 'ingests',
        empty: 'No ingest in progress: the inbox and the pipelines are idle.',
        rows: data,
        columns: [
          { label: 'Dataset', cell: (i) => h('a', { href: `#/datasets/${encodeURIComponent(i.dataset)}` }, i.dataset) },
          { label: 'By', cell: (i) => (i.pipeline ? h('a', { href: `#/pipelines/${encodeURIComponent(i.pipeline)}` }, `pipeline ${i.pipeline}`) : i.actor) },
          { label: 'Source', cell: (i) => h('code', {}, i.source) },
          { label: 'Started', cell: (i) => ago(i.started_at) },
          { label: 'Progress', cell: (i) => progress(i.progress) },
        ],
      }));
    } catch (e) {
      forget(work);
      replace(work, errorBox(e, 'Cannot list the ingests in progress'));
    }
  });
  ctx.live(async () => {
    try {
      const jobs = await api.indexJobs(INDEX_JOBS);
      indexWork.removeAttribute('aria-busy');
      renderIfChanged(indexWork, { jobs, searchable: searchableIndexes() }, indexJobTable);
    } catch (e) {
      indexWork.removeAttribute('aria-busy');
      forget(indexWork);
      replace(indexWork, e instanceof ApiError && e.status === 404
        // Vector indexes are off on this hub: the API's message says so and names the setting.
        ? h('p', { class: 'empty', 'data-testid': 'index-jobs' }, e.message)
        : errorBox(e, 'Cannot list the index work'));
    }
  });
  ctx.live(async () => {
    try {
      const jobs = await api.jobs();
      body.removeAttribute('aria-busy');
      renderIfChanged(body, jobs, (data) => table({
        caption: 'Jobs',
        testid: 'jobs',
        empty: 'No job.',
        rows: data,
        columns: [
          { label: 'Job', cell: (j) => (j.kind === 'pipeline' ? h('a', { href: `#/pipelines/${encodeURIComponent(j.id)}` }, j.id) : h('span', { title: j.description ?? '' }, j.id)) },
          { label: 'Kind', cell: (j) => j.kind },
          { label: 'State', cell: (j) => badge(j.state.replace(' ', '-')) },
          { label: 'Schedule', cell: (j) => (j.schedule ? h('code', {}, j.schedule) : null) },
          { label: 'Next fire', cell: (j) => (j.next_fire_times.length ? ago(j.next_fire_times[0]) : null) },
          { label: 'Now / last run', cell: (j) => activity(j) },
          { label: '', cell: (j) => runButton(j, ctx, notice) },
        ],
      }));
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, 'Cannot list the jobs'));
    }
  });
}

/**
 * The indexes the header's search box offers (app.js keeps it in step with GET /api/indexes): a job's
 * index links to the search page only while the index exists.
 */
function searchableIndexes() {
  return Array.from(document.querySelectorAll('#index-name option'), (o) => o.value).filter(Boolean);
}

function indexJobTable({ jobs, searchable }) {
  return table({
    caption: `Vector index refreshes and autotune runs: running and queued first, then the newest ${INDEX_JOBS} finished`,
    testid: 'index-jobs',
    empty: 'No index work: no vector index has been refreshed or tuned on this hub since it started.',
    rows: jobs,
    columns: [
      { label: 'Index', cell: (j) => (searchable.includes(j.index)
        ? h('a', { href: `#/search?${new URLSearchParams({ index: j.index })}`, title: `Search ${j.index}` }, j.index)
        : j.index) },
      { label: 'Kind', cell: (j) => h('span', { title: `job ${j.id}` }, j.kind) },
      { label: 'Status', cell: (j) => badge(j.status) },
      { label: 'Progress', cell: (j) => indexProgress(j) },
      { label: 'Started', cell: (j) => ago(j.started_at) },
      { label: 'Finished', cell: (j) => ago(j.finished_at) },
      { label: 'Outcome', cell: (j) => (j.kind === 'index-autotune' ? tuningOutcome(j) : refreshOutcome(j)) },
    ],
  });
}

/** A running job's bar (chunks embedded of those to embed, or trials run of the most it may run). */
function indexProgress(j) {
  const unit = j.kind === 'index-autotune' ? 'trials' : 'chunks';
  if (j.status === 'queued') {
    return h('span', { class: 'muted' }, 'waiting to start');
  }
  if (j.status !== 'running') {
    return unit === 'trials' ? `${count(j.done)} of ${count(j.total)} trials` : `${count(j.done)} chunks embedded`;
  }
  // A refresh reads the dataset (or waits for another hub's build) before it knows how much to embed.
  const phase = j.phase && j.phase !== 'embedding' ? h('div', { class: 'muted' }, j.phase) : null;
  return h('div', {}, phase, progress({
    done: j.done,
    total: j.total > 0 ? j.total : null,
    unit,
    rate: j.done > 0 ? j.rate : null,
    eta_seconds: j.eta_seconds,
  }));
}

function refreshOutcome(j) {
  if (j.error) {
    return h('div', { class: 'error-text' }, j.error);
  }
  if (j.up_to_date) {
    return h('span', { class: 'muted' }, 'up to date: nothing to read');
  }
  if (j.rows === null || j.rows === undefined) {
    return null;
  }
  return `${count(j.rows)} rows: ${count(j.added_rows)} added, ${count(j.changed_rows)} changed, ${count(j.removed_rows)} removed`;
}

function tuningOutcome(j) {
  const promotions = j.promoted ? j.promoted.length : 0;
  return h('div', { title: j.objective ?? '' },
    j.champion ? h('div', {}, 'champion ', h('code', {}, j.champion)) : null,
    j.status === 'queued' ? null : h('div', {}, `${promotions} promotion${promotions === 1 ? '' : 's'}`),
    j.reason ? h('div', { class: 'muted' }, j.reason) : null,
    j.error ? h('div', { class: 'error-text' }, j.error) : null);
}

function activity(j) {
  const r = j.last_run;
  if (!r) {
    return h('span', { class: 'muted' }, 'never run');
  }
  return h('div', { 'data-testid': 'job-activity' },
    h('a', { href: `#/runs/${r.id}` }, badge(r.status)), ' ', ago(r.started_at),
    j.progress ? progress(j.progress) : null,
    r.status === 'running' || !r.rows ? null : ` · ${count(r.rows)} rows`,
    r.result ? h('div', { class: 'muted' }, r.result) : null,
    r.error ? h('div', { class: 'error-text' }, r.error) : null);
}

function runButton(j, ctx, notice) {
  if (j.state === 'disabled') {
    return null;
  }
  return h('button', {
    type: 'button',
    'data-focus-key': `run:${j.kind}:${j.id}`,
    'aria-label': `Run ${j.kind} ${j.id} now`,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const r = await api.runJob(j.id, j.kind);
        replace(notice, h('p', { class: 'notice', role: 'status' }, r.status === 'skipped'
          ? `Run ${r.run_id} of ${j.id} was skipped: ${r.error}`
          : h('span', {}, 'Started run ', h('a', { href: `#/runs/${r.run_id}` }, String(r.run_id)), ` of ${j.id}.`)));
      } catch (e) {
        replace(notice, errorBox(e, `Run ${j.id}`));
      } finally {
        button.disabled = false;
        ctx.refreshNow();
      }
    },
  }, 'Run now');
}
