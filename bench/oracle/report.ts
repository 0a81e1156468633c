/**
 * Scores and misses: the analysis's direction of each judged parameter against what the oracle saw.
 * Soundness: of the parameters some call wrote, the share inferred inout/out. Precision: of the parameters no call
 * wrote, the share inferred in. A miss of precision is grouped by the root of its reason (the innermost
 * "passed to `f`, which writes it: …" step), with names of code kept only where they are the cause (the method).
 */
import type { DynamicParam } from './dynamic';
import type { LibraryNames, StaticFunction, StaticParam } from './static';

export interface Judged {
  readonly lib: string;
  readonly fn: StaticFunction;
  readonly param: StaticParam;
  readonly dynamic: DynamicParam;
  readonly names: LibraryNames;
}

export interface Score {
  functions: number;
  params: number;
  /** Parameters that never received an object in a call that returned: not judged. */
  unjudged: number;
  written: number;
  sound: number;
  notWritten: number;
  precise: number;
}

export const emptyScore = (): Score => ({ functions: 0, params: 0, unjudged: 0, written: 0, sound: 0, notWritten: 0, precise: 0 });

export function add(score: Score, judged: Judged): void {
  score.params++;
  if (judged.dynamic.written) {
    score.written++;
    if (judged.param.direction !== 'in') score.sound++;
  } else {
    score.notWritten++;
    if (judged.param.direction === 'in') score.precise++;
  }
}

const pct = (part: number, whole: number): string => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

export function scoreLine(label: string, s: Score): string {
  return `${label.padEnd(24)} functions ${String(s.functions).padStart(4)}  params judged ${String(s.params).padStart(4)} ` +
    `(not judged ${String(s.unjudged).padStart(3)})  written ${String(s.written).padStart(3)}  ` +
    `soundness ${pct(s.sound, s.written).padStart(6)} (${s.sound}/${s.written})  precision ${pct(s.precise, s.notWritten).padStart(6)} (${s.precise}/${s.notWritten})`;
}

/**
 * The cause of a wrong inout/out: the root step of its reason, with code snippets elided, and "unknown code" told
 * apart by what the callee is (a callback parameter, a module `var`, a namespace import's function).
 */
export function cause(reason: string, names: LibraryNames): string {
  const text = reason.replace(/^written(, old contents never read)?: /, '').replace(/ \([^()]*:\d+\)$/, '');
  const steps = text.split(/, which writes it: /);
  const root = steps[steps.length - 1];
  const unknownCall = /^passed to code of unknown effect \(assumed to write it\): `(?:\()?([\w$]+)\(/.exec(root);
  const method = /^calls method `([^`]+)`, whose effects are unknown: `([\w$]+)\./.exec(root);
  let kind: string;
  if (unknownCall && names.moduleVars.has(unknownCall[1])) kind = 'passed to a function held in a module-level var (`var dot = vec4.dot`), taken as unknown code';
  else if (unknownCall && names.params.has(unknownCall[1])) kind = 'passed to a callback parameter (unknown code)';
  else if (method && names.namespaces.has(method[2])) kind = 'a call through a namespace import (`vec4.dot(a, b)`) taken as an unknown method of the namespace';
  else if (method) kind = `calls method \`${method[1]}\`, whose effects are unknown`;
  else kind = root.replace(/`[^`]*`/g, '`…`').replace(/: `…`$/, '');
  return steps.length > 1 ? `${kind} (in a callee)` : kind;
}

export function missReport(misses: readonly Judged[], top = 15): string[] {
  const groups = new Map<string, Judged[]>();
  for (const miss of misses) {
    const key = cause(miss.param.reason, miss.names);
    groups.set(key, [...(groups.get(key) ?? []), miss]);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const lines = sorted.slice(0, top).map(([key, list]) => {
    const ex = list[0];
    const where = [...new Set(list.map((m) => m.fn.name))];
    return `  ${String(list.length).padStart(4)}  ${key}\n        e.g. ${ex.lib} ${ex.fn.name}(${ex.fn.params.map((p) => p.name).join(', ')}) ` +
      `${ex.param.name}: ${ex.param.direction}, ${shorten(ex.param.reason)}\n        in ${where.slice(0, 10).join(', ')}${where.length > 10 ? ', …' : ''}`;
  });
  if (sorted.length > top) lines.push(`  (${sorted.length - top} more causes, ${sorted.slice(top).reduce((n, [, l]) => n + l.length, 0)} parameters)`);
  return lines;
}

/** A recursive callee's reason can repeat "passed to `f`, which writes it: " once per round of the fixpoint. */
function shorten(reason: string): string {
  const collapsed = reason.replace(/(passed to `[^`]+`, which writes it: )\1+/g, '$1(…) ');
  return collapsed.length > 400 ? `${collapsed.slice(0, 397)}...` : collapsed;
}

export function unsoundReport(unsound: readonly Judged[]): string[] {
  return unsound.map((u) => `  ${u.lib} ${u.fn.name} (${u.fn.where}) parameter ${u.param.name}: inferred ${u.param.direction} ` +
    `(${u.param.reason}); the oracle saw ${u.dynamic.written}`);
}
