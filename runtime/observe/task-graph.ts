/**
 * TASKIFY_GRAPH: the run's task graph in Graphviz dot, as PyCOMPSs draws it: a node per task coloured by
 * function, an edge per data dependency labelled with the version it carries (`image v1`, by the name the program
 * gave the data, data-names.ts; d<id>v<ver> where it gave none), and a node per wait
 * and barrier of the main thread. A failed task has a red border; a task cancelled by a failure is dashed.
 */
import { functionColours } from './palette';
import { tasksInOrder, type RunLog } from './run-log';
import { writers } from './trace';
import { dataNames } from './data-names';

/**
 * Graphviz layout time grows fast with size (about 8 s for 2000 k-means tasks here): past this many tasks no
 * SVG is rendered, and the dot source is written instead.
 */
export const GRAPH_TASK_LIMIT = 2000;

export function toDot(log: RunLog): string {
  const tasks = tasksInOrder(log);
  const colours = functionColours(tasks.map((t) => t.name));
  const writer = writers(log);
  const shown = dataNames(log);
  const lines = [
    'digraph taskify {',
    '  rankdir=TB;',
    '  node [style=filled, fontname="Helvetica", fontsize=10, fontcolor=white, shape=ellipse];',
    '  edge [fontname="Helvetica", fontsize=8, color="#555555"];',
  ];
  const hasSuccessor = new Set<number>();
  for (const task of tasks) {
    const cancelled = task.error?.cause === 'dependency';
    const attributes = [`label=${quote(`${task.name}\n#${task.id}`)}`, `fillcolor=${quote(cancelled ? '#bbbbbb' : colours.get(task.name)!)}`];
    if (cancelled) attributes.push('style="filled,dashed"');
    else if (task.error) attributes.push('color=red', 'penwidth=3');
    lines.push(`  t${task.id} [${attributes.join(', ')}];`);
    for (const key of task.reads) {
      const from = writer.get(key);
      if (from === undefined || from === task.id || !log.tasks.has(from)) continue;
      hasSuccessor.add(from);
      lines.push(`  t${from} -> t${task.id} [label=${quote(shown(key))}];`);
    }
  }
  let previousSync = -Infinity;
  log.waits.forEach((wait, i) => {
    const id = `w${i + 1}`;
    if (wait.what === 'barrier' || wait.what === 'checkpoint') {
      lines.push(`  ${id} [label=${quote(wait.what)}, shape=box, fillcolor="#333333"];`);
      // Like PyCOMPSs's sync node: it collects the tasks since the previous one that no task consumed.
      for (const task of tasks) {
        if (task.submittedAt > previousSync && task.submittedAt <= wait.start && !hasSuccessor.has(task.id)) {
          hasSuccessor.add(task.id);
          lines.push(`  t${task.id} -> ${id};`);
        }
      }
      previousSync = wait.start;
    } else if (wait.producer !== undefined && log.tasks.has(wait.producer)) {
      const data = wait.key === undefined ? '' : shown(wait.key);
      lines.push(`  ${id} [label=${quote(`wait ${data}`.trim())}, shape=octagon, fillcolor="#333333"];`);
      lines.push(`  t${wait.producer} -> ${id} [label=${quote(data)}];`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
