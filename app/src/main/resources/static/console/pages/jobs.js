// Jobs: GET /api/jobs (pipelines and maintenance jobs: state, schedule, next fire, last run) and
// POST /api/jobs/{id}/run?kind=... A job that reports progress ({done, total, rate, eta_seconds})
// gets a progress bar: maintenance jobs, and pipelines while their run reads a file or polls.
// Above them, the background work in progress: GET /api/ingests (inbox files, pipeline runs'
// files and polls, API ingests), each with its progress bar.
import { api } from '../api.js';
import { h, replace, table, ago, badge, count, errorBox, renderIfChanged, forget, progress } from '../ui.js';

export function page(root, ctx) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const work = h('div');
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Jobs')),
    h('p', { class: 'lead' }, 'Background work: pipelines and the lake\'s maintenance jobs, what they are doing and how their last run went.'),
    notice,
    h('section', { 'aria-labelledby': 'work-h' }, h('h2', { id: 'work-h' }, 'Ingests in progress'), work),
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
