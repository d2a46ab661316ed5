// Pipelines: GET /api/schedules (schedule, next fire times, last run), POST /api/pipelines/{id}/run,
// .../pause and .../resume, GET /api/pipelines/{id}/runs (history) and GET /api/runs/{id} (a run).
// A run in progress on this hub carries `progress` (its file's bytes read, rows), drawn as a bar.
import { api } from '../api.js';
import { h, table, count, time, ago, heading, badge, errorBox, renderIfChanged, forget, replace, duration, dash, progress } from '../ui.js';

export function list(root, ctx) {
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(
    heading('Pipelines'),
    h('p', { class: 'lead' }, 'Each pipeline from the hub configuration: its schedule, next fires and last run.'),
    notice,
    body);
  ctx.live(async () => {
    try {
      const schedules = await api.schedules();
      body.removeAttribute('aria-busy');
      renderIfChanged(body, schedules, (data) => table({
        caption: 'Pipelines',
        testid: 'pipelines',
        empty: 'No pipeline is configured: add one under lakehub.pipelines in the configuration (docs/pipelines.md).',
        rows: data,
        columns: [
          { label: 'Pipeline', cell: (s) => h('a', { href: `#/pipelines/${encodeURIComponent(s.pipeline)}` }, s.pipeline) },
          { label: 'Schedule', cell: (s) => scheduleText(s) },
          { label: 'State', cell: (s) => stateOf(s) },
          { label: 'Next fires', cell: (s) => nextFires(s.next_fire_times) },
          { label: 'Last run', cell: (s) => lastRun(s.last_run) },
          { label: 'Actions', cell: (s) => actions(s, ctx, notice) },
        ],
      }));
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, 'Cannot list the pipelines'));
    }
  });
}

export function detail(root, ctx) {
  const [id] = ctx.params;
  const notice = h('div', { class: 'notice-area', 'aria-live': 'polite' });
  const summary = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const runs = h('div');
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/pipelines' }, 'Pipelines'), ' / '),
    heading(id),
    notice,
    summary,
    h('section', { 'aria-labelledby': 'runs-h' }, h('h2', { id: 'runs-h' }, 'Last runs'), runs));
  ctx.live(async () => {
    try {
      const schedule = (await api.schedules()).find((s) => s.pipeline === id);
      if (!schedule) {
        forget(summary);
        replace(summary, errorBox(`There is no pipeline '${id}' in the hub configuration.`));
        return;
      }
      summary.removeAttribute('aria-busy');
      renderIfChanged(summary, schedule, (s) => [
        h('dl', { class: 'facts' },
          fact('Schedule', scheduleText(s)),
          fact('State', stateOf(s)),
          fact('Misfire', s.misfire ?? dash()),
          fact('Next fires', nextFires(s.next_fire_times)),
          fact('Last run', lastRun(s.last_run))),
        h('div', { class: 'actions' }, actions(s, ctx, notice)),
      ]);
    } catch (e) {
      forget(summary);
      replace(summary, errorBox(e, `Cannot read pipeline '${id}'`));
    }
  });
  ctx.live(async () => {
    try {
      const history = await api.pipelineRuns(id, 25);
      renderIfChanged(runs, history, (data) => runTable(data));
    } catch (e) {
      forget(runs);
      replace(runs, errorBox(e, 'Cannot read the run history'));
    }
  });
}

/** A run: what the hub recorded about it, and its log lines as far as this hub kept them. */
export function run(root, ctx) {
  const [id] = ctx.params;
  const body = h('div', { 'aria-busy': 'true', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const log = h('div');
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/pipelines' }, 'Pipelines'), ' / ');
  root.append(crumbs, heading(`Run ${id}`), body,
    h('section', { 'aria-labelledby': 'log-h' }, h('h2', { id: 'log-h' }, 'Log'), log));
  let endedPolls = 0;
  ctx.live(async () => {
    if (endedPolls >= 2) {
      return; // An ended run no longer changes (one more poll picks up the line logged as it ended).
    }
    try {
      const [r, lines] = await Promise.all([api.run(id), api.runLog(id)]);
      body.removeAttribute('aria-busy');
      if (r.pipeline && crumbs.childElementCount === 1) {
        crumbs.append(h('a', { href: `#/pipelines/${encodeURIComponent(r.pipeline)}` }, r.pipeline), ' / ');
      }
      renderIfChanged(body, r, renderRun);
      renderIfChanged(log, { r, lines }, () => renderLog(r, lines));
      endedPolls = r.status === 'running' ? 0 : endedPolls + 1;
    } catch (e) {
      forget(body);
      replace(body, errorBox(e, `Cannot read run ${id}`));
    }
  });
}

function renderRun(r) {
  return [
    h('dl', { class: 'facts' },
      fact('Status', badge(r.status)),
      fact('Job', r.pipeline ? h('a', { href: `#/pipelines/${encodeURIComponent(r.pipeline)}` }, r.pipeline) : `${r.kind} ${r.job}`),
      fact('Trigger', r.trigger),
      fact('Node', r.node),
      fact('Due', time(r.scheduled_for)),
      fact('Started', time(r.started_at)),
      fact('Ended', time(r.ended_at)),
      fact('Took', r.ended_at ? duration(new Date(r.ended_at) - new Date(r.started_at)) : dash()),
      fact('Rows', count(r.rows)),
      r.progress ? fact('Progress', progress(r.progress)) : null),
    r.result ? h('p', { class: 'notice' }, r.result) : null,
    r.error ? h('div', { class: 'error', 'data-testid': 'run-error' }, r.error) : null,
  ];
}

function renderLog(r, log) {
  const lines = log.lines.map((l) => `${l.time}  ${l.level.padEnd(5)}  ${l.logger}  ${l.message}\n`);
  if (log.dropped > 0) {
    lines.unshift(`… ${count(log.dropped)} earlier lines dropped; the hub keeps the last ${count(log.lines.length)} of a run\n`);
  }
  if (!log.kept) {
    lines.push(r.status === 'skipped'
      ? 'A skipped run executes nothing and writes no log.\n'
      : `This hub kept no log lines of run ${r.id}: it ran on another hub (${r.node}), before this hub started, or long enough ago to be forgotten. The hub's own log has them.\n`);
  } else if (r.status === 'running') {
    lines.push('… running\n');
  }
  return h('pre', { class: 'log', 'data-testid': 'run-log', tabindex: 0, 'aria-label': 'Run log' }, lines);
}

export function runTable(runs) {
  return table({
    caption: 'Runs, newest first',
    testid: 'runs',
    empty: 'No run yet.',
    rows: runs,
    columns: [
      { label: 'Run', num: true, cell: (r) => h('a', { href: `#/runs/${r.id}` }, String(r.id)) },
      { label: 'Status', cell: (r) => [badge(r.status), r.progress ? progress(r.progress) : null] },
      { label: 'Trigger', cell: (r) => r.trigger },
      { label: 'Started', cell: (r) => time(r.started_at) },
      { label: 'Took', num: true, cell: (r) => (r.ended_at ? duration(new Date(r.ended_at) - new Date(r.started_at)) : 'running') },
      { label: 'Rows', num: true, cell: (r) => count(r.rows) },
      { label: 'Error or result', cell: (r) => (r.error ? h('span', { class: 'error-text' }, r.error) : r.result) },
    ],
  });
}

function scheduleText(s) {
  if (!s.cron) {
    return h('span', { class: 'muted' }, 'on demand / on arrival');
  }
  return h('span', {}, h('code', {}, s.cron), s.timezone ? ` (${s.timezone})` : '');
}

function stateOf(s) {
  if (!s.cron) {
    return badge('on-demand');
  }
  return badge(s.paused ? 'paused' : 'active');
}

function nextFires(times) {
  if (!times || times.length === 0) {
    return dash();
  }
  return h('ul', { class: 'plain' }, times.map((t) => h('li', {}, time(t), ' ', h('span', { class: 'muted' }, '(', ago(t), ')'))));
}

function lastRun(r) {
  if (!r) {
    return h('span', { class: 'muted' }, 'never run');
  }
  return h('div', { class: 'last-run', 'data-testid': 'last-run', 'data-run-id': r.id, 'data-pipeline': r.pipeline, 'data-status': r.status },
    h('a', { href: `#/runs/${r.id}` }, badge(r.status)), ' ', ago(r.started_at),
    r.status !== 'running' ? ` · ${count(r.rows)} rows` : null,
    r.progress ? progress(r.progress) : null,
    r.error ? h('div', { class: 'error-text' }, r.error) : null);
}

function actions(s, ctx, notice) {
  const id = s.pipeline;
  const act = (label, call, done) => h('button', {
    type: 'button',
    'data-focus-key': `${label}:${id}`,
    'data-action': label.toLowerCase().replace(/\s+/g, '-'),
    'aria-label': `${label} ${id}`,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const answer = await call(id);
        replace(notice, h('p', { class: 'notice', role: 'status' }, done(answer)));
      } catch (e) {
        replace(notice, errorBox(e, `${label} ${id}`));
      } finally {
        button.disabled = false;
        ctx.refreshNow();
      }
    },
  }, label);
  return h('div', { class: 'buttons' },
    act('Run now', api.runPipeline, (r) => (r.status === 'skipped'
      ? `Run ${r.run_id} of ${id} was skipped: ${r.error}`
      : h('span', {}, `Started run `, h('a', { href: `#/runs/${r.run_id}` }, String(r.run_id)), ` of ${id}.`))),
    s.cron && !s.paused ? act('Pause', api.pause, () => `Paused the schedule of ${id}; it can still be run on demand.`) : null,
    s.cron && s.paused ? act('Resume', api.resume, () => `Resumed the schedule of ${id}.`) : null);
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
