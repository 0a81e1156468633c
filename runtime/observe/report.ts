/**
 * `taskify report <trace.json>`: one self-contained HTML page (no script, no external files) with the run's
 * timeline, its per-function statistics and its task graph, readable offline and attachable to a bug report.
 */
import { escapeXml, formatBytes, formatMs } from './format';
import { functionsByTime, meanMs, totalsOf, utilisation } from './function-stats';
import { functionColours } from './palette';
import { tasksInOrder, type RunLog } from './run-log';
import { timelineSvg } from './timeline-svg';
import { GRAPH_TASK_LIMIT } from './task-graph';


export function reportHtml(log: RunLog, source: string, graphSvg: string | undefined): string {
  const totals = totalsOf(log);
  const functions = functionsByTime(totals);
  const colours = functionColours(tasksInOrder(log).map((t) => t.name));
  const { rro, slowest } = totals;
  const failed = functions.reduce((n, f) => n + f.failed, 0);
  const facts = [
    `${log.tasks.size} tasks${failed ? `, ${failed} failed` : ''}`, `${formatMs(log.endedAt - log.startedAt)} wall time`,
    `${log.workers} workers, ${Math.round(utilisation(totals) * 100)}% busy`, `${log.waits.length} waits`, `${log.released} versions released`,
    `@rro: ${rro.hits} hits, ${rro.attaches} attaches, ${rro.creations} created, ${rro.fallbacks} fallbacks`,
    slowest ? `slowest: ${slowest.name} #${slowest.id} (${formatMs(slowest.ms)})` : '',
  ].filter(Boolean);
  const rows = functions.map((f) => `<tr><td><span class="swatch" style="background:${colours.get(f.name)}"></span>${escapeXml(f.name)}</td>` +
    [String(f.count), String(f.failed), formatMs(meanMs(f)), formatMs(f.maxMs), formatMs(f.queuedMs), formatMs(f.loadMs), formatMs(f.runMs), formatMs(f.storeMs),
      formatBytes(f.bytesIn), formatBytes(f.bytesOut), String(f.rroHits)].map((cell) => `<td>${escapeXml(cell)}</td>`).join('') + '</tr>');
  const graph = graphSvg !== undefined
    ? `<div class="graph">${graphSvg.replace(/^[\s\S]*?(?=<svg)/, '')}</div>`
    : `<p>The graph has ${log.tasks.size} tasks, more than the ${GRAPH_TASK_LIMIT} drawn here; TASKIFY_GRAPH=run.dot writes it for Graphviz.</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>taskify report: ${escapeXml(source)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.facts { color: #444; } .facts span + span::before { content: " · "; }
table { border-collapse: collapse; font-size: 13px; } td, th { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
.legend { font-size: 12px; color: #444; }
.graph svg { max-width: 100%; height: auto; }
</style></head>
<body>
<h1>taskify run: ${escapeXml(source)}</h1>
<p class="facts">${facts.map((f) => `<span>${escapeXml(f)}</span>`).join('')}</p>
<h2>Timeline</h2>
<p class="legend">One lane per worker (more when a worker had two tasks in flight) and one for the main thread's waits (grey).
A task's lightest start is time queued behind the other task on its thread, then loading its inputs; its darker end is
storing its outputs. Hover for details.</p>
${timelineSvg(log)}
<h2>Tasks by function</h2>
<table><thead><tr><th>function</th><th>ran</th><th>failed</th><th>mean</th><th>max</th><th>queued</th><th>load</th><th>run</th><th>store</th><th>bytes in</th><th>bytes out</th><th>@rro hits</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h2>Task graph</h2>
<p class="legend">Edges carry data versions, named after the variable or parameter the data was passed as (<code>image v1</code>;
d&lt;id&gt;v&lt;version&gt; where the program gave none); dark nodes are the main thread's waits and barriers.</p>
${graph}
</body></html>
`;
}
