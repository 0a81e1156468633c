/**
 * Names for data in the graph, the trace and the report: the variable or parameter a version was passed as
 * (`image v1`) rather than its key (`d37v1`), which nothing mapped back to the program.
 *
 * The plugin passes, with each submission, one string literal (so a submission costs nothing more): the text of each
 * argument that is a plain name (`image`, `img.data`, `parts[i]`), comma-separated and empty where it is not, and after
 * `=` the variable the result goes to (`image,,=blurred`). While observing, the runtime pairs them with the version
 * keys of that call's arguments; an argument without a name is named after the task's parameter, a result without a
 * variable after its task (`strip()`). A datum keeps the first name it was given. Calls made by hand (no labels) name
 * only parameters their ParamSpec names; the rest keep their keys.
 */
import { versionKey, type WireArg } from '../protocol';
import type { RunLog } from './run-log';

/** Version key → name, for one submission's arguments and result. */
export function submissionLabels(wire: readonly WireArg[], paramNames: readonly string[], labels: string | undefined,
  task: string, resultKey: string, state: readonly string[] = []): Record<string, string> {
  const split = labels === undefined ? -1 : labels.lastIndexOf('=');
  const argTexts = labels === undefined ? [] : (split < 0 ? labels : labels.slice(0, split)).split(',');
  const named: Record<string, string> = {};
  const visit = (arg: WireArg, name: string): void => {
    if ('collection' in arg) { arg.collection.forEach((item, j) => visit(item, `${name}[${arg.at?.[j] ?? j}]`)); return; }
    if (!('data' in arg)) return;
    for (const version of [arg.read, arg.write]) if (version !== undefined) named[versionKey(arg.data, version)] ??= name;
  };
  // Module objects the task reads travel last, one per key (`file.ts#RATES`): named after the object.
  const calls = wire.length - state.length;
  state.forEach((key, j) => visit(wire[calls + j], key.slice(key.lastIndexOf('#') + 1)));
  wire.slice(0, calls).forEach((arg, i) => {
    const param = paramNames[Math.min(i, paramNames.length - 1)];
    // By hand, a parameter has no name unless its ParamSpec gives one (paramNames then holds `#i`).
    const name = argTexts[i] || (param && !param.startsWith('#') ? param : undefined);
    if (name) visit(arg, name);
  });
  if (labels !== undefined) named[resultKey] = (split >= 0 && labels.slice(split + 1)) || `${task}()`;
  return named;
}

const KEY = /^d(\d+)v(\d+)$/;

/**
 * How to show a version key of this run: `<name> v<version>` when its datum was named; when two data share a name
 * (`image` in two functions), the datum's number tells them apart (`image (d37) v1`).
 */
export function dataNames(log: RunLog): (key: string) => string {
  const byData = new Map<string, string>();
  for (const task of [...log.tasks.values()].sort((a, b) => a.id - b.id)) {
    for (const [key, name] of Object.entries(task.labels ?? {})) {
      const data = KEY.exec(key)?.[1];
      if (data !== undefined && !byData.has(data)) byData.set(data, name);
    }
  }
  // `parts.push(task(…))` names each result `parts[]`: in the order they were pushed, they are parts[0], parts[1]…
  const pushed = new Map<string, number>();
  for (const [data, name] of byData) {
    if (!/^[^[]+\[\]$/.test(name)) continue;
    const index = pushed.get(name) ?? 0;
    pushed.set(name, index + 1);
    byData.set(data, `${name.slice(0, -2)}[${index}]`);
  }
  const uses = new Map<string, number>();
  for (const name of byData.values()) uses.set(name, (uses.get(name) ?? 0) + 1);
  return (key) => {
    const match = KEY.exec(key);
    const name = match && byData.get(match[1]);
    if (!match || !name) return key;
    return uses.get(name)! > 1 ? `${name} (d${match[1]}) v${match[2]}` : `${name} v${match[2]}`;
  };
}
