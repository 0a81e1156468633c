/** The generated project bench:plugin times (and the emit-equivalence check compiles): a chain of modules, each with
 * two tasks, a helper, an interface and a caller of the previous module's tasks. `extended` (BENCH_PROJECT=extended)
 * adds to each module what the analysis has since learnt to follow, which the original shape never makes it do: a
 * class implementing an interface whose methods are called through it, a Map built in a loop, a module-level Map a task
 * reads, a task mapped over an array, a try block. The default stays as it was, so its ratios stay comparable. */
import type * as ts from 'typescript';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How the benchmarks compile the generated project (plain and with the plugin alike). */
export function projectOptions(t: typeof ts, dir: string): ts.CompilerOptions {
  return {
    target: t.ScriptTarget.ES2022, module: t.ModuleKind.CommonJS, strict: true, skipLibCheck: true, types: [],
    rootDir: dir, outDir: join(dir, 'out'),
  };
}

export function generateProject(dir: string, count: number, extended = false): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const previous = i > 0 ? `import { scale${i - 1}, total${i - 1} } from './m${i - 1}';\n` : '';
    const calls = i > 0 ? `  scale${i - 1}(values, 2);\n  const t = total${i - 1}(values);\n  sink.push(t);\n` : '';
    const source = `${previous}
export interface Point${i} { x: number; y: number; tags: string[] }

/** @task */
export function scale${i}(values: Float64Array, factor: number): void {
  const view = values.subarray(0);
  for (let k = 0; k < view.length; k++) view[k] *= factor;
}

/** @task */
export function total${i}(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum + helper${i}(values);
}

function helper${i}(values: Float64Array): number { return values.length > 0 ? values[0] : 0; }

export function describe${i}(p: Point${i}): string { return \`\${p.x},\${p.y}:\${p.tags.join('+')}\`; }

export function run${i}(n: number): number {
  const values = new Float64Array(n).fill(1);
  const sink: number[] = [];
${calls}  for (let k = 0; k < 3; k++) sink.push(k * n);
  return sink.reduce((a, b) => a + b, 0) + values[0];
}
`;
    const file = join(dir, `m${i}.ts`);
    writeFileSync(file, extended ? source + extension(i) : source);
    files.push(file);
  }
  return files;
}

/** What `extended` adds to module i: interface method calls, classes, Maps, module state, a mapped task, a try block. */
function extension(i: number): string {
  return `
export interface Shape${i} { area(): number; grow(f: number): void }

export class Square${i} implements Shape${i} {
  private readonly memo = new Map<number, number>();
  constructor(private side: number) {}
  area(): number {
    const hit = this.memo.get(this.side);
    if (hit !== undefined) return hit;
    const a = this.side * this.side;
    this.memo.set(this.side, a);
    return a;
  }
  grow(f: number): void { this.side *= f; this.memo.clear(); }
}

const WEIGHTS${i} = new Map<string, number>([['a', 1], ['b', 2]]);

/** @task */
export function weigh${i}(counts: Map<string, number>): number {
  let sum = 0;
  for (const [k, v] of counts) sum += v * (WEIGHTS${i}.get(k) ?? 0);
  return sum;
}

export function tally${i}(words: string[], shapes: Shape${i}[]): number {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const parts = [counts, new Map(counts)].map((m) => weigh${i}(m));
  let total = 0;
  for (const s of shapes) { s.grow(2); total += s.area(); }
  try {
    total += parts.reduce((a, b) => a + b, 0);
  } catch {
    total = -1;
  }
  return total;
}
`;
}
