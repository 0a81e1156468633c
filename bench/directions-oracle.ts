/**
 * npm run bench:directions — taskify's parameter directions against a dynamic oracle on real libraries (issue 16:
 * soundness 100%, precision at least 98%).
 *
 * For every exported function of gl-matrix, simple-statistics, d3-array, vega-util, vega-statistics and d3-interpolate
 * (the last three added untuned; vega-util keeps its .d.ts files, so its functions are reached through code-behind.ts),
 * and d3-hierarchy and d3-geo (added untuned as a check after the six reached 98%: the total is printed with and
 * without them):
 * the analysis infers each parameter's direction
 * from the library's JavaScript (oracle/static.ts), and the oracle calls the same JavaScript many times with fresh
 * arguments and records which parameters any call changed (oracle/dynamic.ts). A parameter the analysis calls `in`
 * but a call changed is unsound (a bug, listed in full); one the analysis calls inout/out but no call changed costs
 * precision (listed by cause). Parameters that never received an object in a call that returned are not judged.
 *
 * Then dot-prop and ml-distance, untuned, as a check on the round after (bench/oracle/libraries.ts); then @antfu/utils,
 * fast-json-patch, geolib (Babel's CommonJS, staged as such) and moderndash, untuned, on the round after that.
 * Then remeda, gl-mat4 (CommonJS `module.exports = { f: require(...) }`) and dset, untuned, on the round after that.
 * Then ml-stat, stats-lite, transformation-matrix and object-path (CommonJS of four kinds: own `exports.f` calls, a
 * required package, Babel's output, a UMD factory), untuned, on the round after that.
 * Then geometric, extra-array and json-pointer (92.0%, 88.2%, 33.3% when added, before any change aimed at them).
 * Then rambda (93.0% when added).
 *
 * Environment: ORACLE_TRIALS (calls per function, default 200), ORACLE_SEED, ORACLE_VERBOSE=1 (every miss, every
 * write seen, every parameter not judged), ORACLE_ONLY=a,b (only the libraries named), ORACLE_DEBUG=1 (each function on stderr as it runs: to find one that hangs).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { stageLibraries, stagingRoot, type Library } from './oracle/libraries';
import { analyzeLibrary } from './oracle/static';
import { observe } from './oracle/dynamic';
import { add, emptyScore, missReport, scoreLine, unsoundReport, type Judged, type Score } from './oracle/report';

const TRIALS = Number(process.env.ORACLE_TRIALS || 200);
const SEED = Number(process.env.ORACLE_SEED || 16);
const MS_PER_FUNCTION = 250;

type AnyFunction = (...args: unknown[]) => unknown;

/** The library's exports at run time, by the names the static side reports (`vec3.add`, `quantile`). */
async function runtimeExports(lib: Library): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const module of lib.modules) {
    // Kept as a real import() by tsc (module node16): the staged files are ES modules.
    const namespace = (await import(pathToFileURL(join(lib.dir, module.file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(namespace)) values.set(module.prefix + name, value);
    // CommonJS `module.exports = { invert: require('./invert') }`: Node names only what its lexer sees; the rest are
    // properties of the default export.
    // (object-path's `module.exports = factory()` is a function whose properties are the exports.)
    const commonjs = namespace.default;
    if (commonjs && (typeof commonjs === 'object' || typeof commonjs === 'function')) {
      for (const [name, value] of Object.entries(commonjs)) if (!values.has(module.prefix + name)) values.set(module.prefix + name, value);
    }
  }
  return values;
}

async function main(): Promise<void> {
  const started = performance.now();
  const libs = stageLibraries();
  const total = emptyScore();
  const tuned = emptyScore();
  const scores: [string, Score][] = [];
  const misses: Judged[] = [];
  const unsound: Judged[] = [];
  const notes: string[] = [];
  const unjudged: string[] = [];
  const written: Judged[] = [];
  try {
    for (const lib of libs) {
      const analysisStart = performance.now();
      const { functions, notFound, names } = analyzeLibrary(lib);
      const analysisMs = performance.now() - analysisStart;
      if (process.env.ORACLE_DEBUG) console.error(`${lib.name}: analysed in ${analysisMs.toFixed(0)} ms`);
      const exportsAtRuntime = await runtimeExports(lib);
      const score = emptyScore();
      const oracleStart = performance.now();
      let index = 0;
      for (const fn of functions.values()) {
        const value = exportsAtRuntime.get(fn.name);
        if (typeof value !== 'function') { notes.push(`${lib.name} ${fn.name}: not a function at run time`); continue; }
        score.functions++;
        if (process.env.ORACLE_DEBUG) console.error(`${lib.name} ${fn.name}`);
        const seen = observe(value as AnyFunction, fn.params.map((p) => p.hint), { trials: TRIALS, msPerFunction: MS_PER_FUNCTION, seed: SEED + index++ });
        fn.params.forEach((param, i) => {
          const dynamic = seen[i];
          if (!dynamic.written && dynamic.judgedCalls === 0) { score.unjudged++; unjudged.push(`${lib.name} ${fn.name} ${param.name}`); return; }
          const judged: Judged = { lib: lib.name, fn, param, dynamic, names };
          add(score, judged);
          if (dynamic.written) written.push(judged);
          if (dynamic.written && param.direction === 'in') unsound.push(judged);
          if (!dynamic.written && param.direction !== 'in') misses.push(judged);
        });
      }
      const functionExports = notFound.filter((name) => typeof exportsAtRuntime.get(name) === 'function');
      if (functionExports.length) notes.push(`${lib.name}: no function body found for exported functions ${functionExports.join(', ')}`);
      notes.push(`${lib.name}: analysis ${analysisMs.toFixed(0)} ms, oracle ${(performance.now() - oracleStart).toFixed(0)} ms`);
      scores.push([`${lib.name}@${lib.version}`, score]);
      for (const key of Object.keys(total) as (keyof Score)[]) { total[key] += score[key]; if (!lib.check) tuned[key] += score[key]; }
    }
  } finally {
    rmSync(stagingRoot(libs), { recursive: true, force: true });
  }

  // Reasons name the staged copies: show their paths relative to the staging directory (gl-matrix/esm/vec3.js:12).
  const out: string[] = [];
  const print = (line = ''): void => { out.push(line.split(`${stagingRoot(libs)}/`).join('')); };
  print(`Parameter directions against a dynamic oracle (${TRIALS} calls per function, seed ${SEED})\n`);
  for (const [label, score] of scores) print(scoreLine(label, score));
  const checks = libs.filter((l) => l.check).map((l) => l.name);
  if (checks.length > 0) print(scoreLine(`without ${checks.join(', ')}`, tuned));
  print(scoreLine('total', total));
  print(`\nUnsound (written by a call, inferred in): ${unsound.length}`);
  for (const line of unsoundReport(unsound)) print(line);
  print(`\nImprecise (never written by a call, inferred inout/out): ${misses.length}, by cause`);
  for (const line of missReport(misses, process.env.ORACLE_VERBOSE ? Infinity : 15)) print(line);
  if (process.env.ORACLE_VERBOSE) {
    print('\nEvery imprecise parameter:');
    for (const m of misses) print(`  ${m.lib} ${m.fn.name} ${m.param.name}: ${m.param.direction}, ${m.param.reason}`);
    print('\nWritten by some call (the oracle\'s positives):');
    for (const w of written) print(`  ${w.lib} ${w.fn.name} ${w.param.name}: ${w.param.direction}; ${w.dynamic.written}`);
    print(`\nNot judged (never received an object in a call that returned): ${unjudged.join(', ')}`);
  }
  print(`\n${notes.join('\n')}\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// A function that defers work (underscore's `delay`, `defer`, `debounce`) may throw later from a timer with the odd
// arguments the oracle gives it: not a verdict on any call, so it must not end the run. (What such work writes after
// the call returned is not seen: that only costs precision, as for an async function's later writes.)
let lateErrors = 0;
process.on('uncaughtException', () => { lateErrors++; });
process.on('exit', () => { if (lateErrors > 0) process.stderr.write(`(${lateErrors} errors thrown later by deferred work, ignored)\n`); });

main().catch((error) => { console.error(error); process.exit(1); });
