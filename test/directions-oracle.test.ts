/**
 * Inference against the dynamic oracle of bench/directions-oracle (three npm libraries called with many argument shapes,
 * recording what each call really wrote): no parameter a call wrote may be inferred `in` (soundness), and precision
 * must not fall back below what the analysis reaches today.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

test('every parameter a call writes is inferred written, and most that no call writes are inferred in', () => {
  const output = execFileSync(process.execPath, [join(__dirname, '..', 'bench', 'directions-oracle.js')],
    { encoding: 'utf8', env: { ...process.env, ORACLE_TRIALS: '80' }, stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(output, /Unsound \(written by a call, inferred in\): 0\b/, output);
  const total = /^total .* soundness 100\.0% \((\d+)\/\1\)\s+precision\s+([\d.]+)%/m.exec(output);
  assert.ok(total, `a total line with 100% soundness:\n${output}`);
  // Six libraries since d3-interpolate was added untuned (65.8% there when added; 95.9% in all when this was last
  // raised, from 94.3% on five: callback assumptions discharged at call sites, results of known calls, fields a
  // constructor fixes).
  assert.ok(Number(total[2]) >= 95.5, `precision ${total[2]}% (95.9% when this was last raised)`);
  const precision = (lib: string): number => Number(new RegExp(`^${lib}@\\S+ .* precision\\s+([\\d.]+)%`, 'm').exec(output)?.[1]);
  assert.ok(precision('gl-matrix') >= 99, `gl-matrix precision ${precision('gl-matrix')}%`);
  assert.ok(precision('simple-statistics') >= 98, `simple-statistics precision ${precision('simple-statistics')}%`);
  // d3's InternSet/InternMap: the key function their constructor fixes is a reader where the set is made (88.9%).
  assert.ok(precision('d3-array') >= 88, `d3-array precision ${precision('d3-array')}%`);
  assert.ok(precision('vega-util') >= 91, `vega-util precision ${precision('vega-util')}%`);
  // vega-util's imports resolve to the .d.ts beside each module: its functions are found and judged through the
  // JavaScript behind them (analysis/code-behind.ts), none of them unknown.
  const vegaUtil = /^vega-util@\S+\s+functions\s+(\d+)/m.exec(output);
  assert.ok(vegaUtil && Number(vegaUtil[1]) >= 45, `vega-util functions judged: ${vegaUtil?.[1]}`);
});

test.run();
