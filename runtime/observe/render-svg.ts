/**
 * Graphviz dot → SVG with @viz-js/viz (Graphviz compiled to WebAssembly: nothing to install on the system).
 * The wasm module loads asynchronously, but a run's end may be synchronous (process 'exit'), so `renderSvgSync`
 * runs this file as a child process: `node render-svg.js < graph.dot > graph.svg`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A program's end must not hang on a drawing. */
const RENDER_TIMEOUT_MS = 60_000;

export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(dot, { format: 'svg' });
}

export function renderSvgSync(dot: string): string {
  const child = spawnSync(process.execPath, [__filename], { input: dot, encoding: 'utf8', maxBuffer: 1 << 30, timeout: RENDER_TIMEOUT_MS });
  if (child.status !== 0) {
    const why = child.signal === 'SIGTERM' ? `it took more than ${RENDER_TIMEOUT_MS / 1000} s` : child.stderr || child.error?.message || `exit ${child.status}`;
    throw new Error(`graphviz could not render the graph: ${why}`);
  }
  return child.stdout;
}

if (require.main === module) {
  renderSvg(readFileSync(0, 'utf8')).then(
    (svg) => process.stdout.write(svg),
    (error: Error) => { process.stderr.write(`${error.message}\n`); process.exitCode = 1; },
  );
}
