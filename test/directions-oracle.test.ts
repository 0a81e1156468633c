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
  assert.ok(Number(total[2]) >= 95, `precision ${total[2]}% (97.0% when this test was written)`);
  const glMatrix = /^gl-matrix@\S+ .* precision\s+([\d.]+)%/m.exec(output);
  assert.ok(glMatrix && Number(glMatrix[1]) >= 99, `gl-matrix precision ${glMatrix?.[1]}%`);
});

test.run();
