/** The generated project bench:plugin times (and the emit-equivalence check compiles): a chain of modules, each with
 * two tasks, a helper, an interface and a caller of the previous module's tasks. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateProject(dir: string, count: number): string[] {
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
    writeFileSync(file, source);
    files.push(file);
  }
  return files;
}
