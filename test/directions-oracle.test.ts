/**
 * Inference against the dynamic oracle of bench/directions-oracle (forty-one npm libraries called with many argument shapes,
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
  // The six libraries the analysis was measured on: 98.2% when this was last raised (issue 16's target, from 96.0%:
  // caller's methods in untyped code, fluent chains, depths through calls, callbacks out of rest parameters...).
  const six = /^without \S+.* soundness 100\.0% \((\d+)\/\1\)\s+precision\s+([\d.]+)%/m.exec(output);
  assert.ok(six, `a line without the libraries added as a check, 100% sound:\n${output}`);
  // (Guarded a little below the target: which parameters get judged moves with the oracle's time per function on a
  // loaded machine.)
  // (97.1% since a call's result may be anything its callee holds: `_key(value)` in d3-array's InternMap and
  // `(opt && opt.get || getter)(path)` in vega-util's field now hand back a part of the function called, which was
  // unsound to ignore: `const g = () => p; g().k = 1` inferred p in. 97.9% before.) 97.4% once a closure whose body is
  // known holds only what it returns, and hand-made iteration (`values[Symbol.iterator]().next()`) reads as for...of;
  // the rest of the loss is sound: a function that is a parameter or part of one may return it (`_key(value)`, `opt.get`).
  // 98.2% (issue 16's target) once closures a function only hands back write where they are called (d3-interpolate's
  // interpolators), InternMap's methods are judged with the key function its constructor fixed (d3-array's mode), and
  // a const choice between an option's function and a reading one reads (vega-util's key): held at the target.
  assert.ok(Number(six[2]) >= 98, `precision ${six[2]}% on the six (98.2% when this was last set)`);
  // With the libraries added untuned as a check: d3-hierarchy and d3-geo (96.7% in all with them; d3-geo 31.9% when
  // added, 66.0% after the var-alias and literal-table changes that followed), then ml-spectra-processing, lodash-es,
  // d3-polygon, earcut and quickselect (77.6% in all when they were added, before any change aimed at them; 84.5%
  // after the general changes that followed: built-ins through prototype aliases, variables only ever assigned
  // functions, options objects made at the call; a rule trusting method names for arguments on untyped receivers was
  // backed out as unsound).
  // Then underscore, es-toolkit, @turf/helpers and @turf/meta, untuned (all seventeen 81.4% with them, after
  // callbacks run through call/apply): the total floor follows them down. Then ramda, @thi.ng/arrays and radash,
  // untuned, and the oracle judging every factory-made export on its own (ramda's 249 had counted as 9 closures): all
  // twenty 73.0% (73.4% with the test's 80 calls per function) after factory-made closures, reduce's accumulator,
  // CommonJS module objects and callees chosen between functions (the last one sound where it had not been).
  // 74.0% after calls through names typed only `Function` and closures that hold what they captured (ramda); 74.2%
  // once known closures hold only what they return (d3-geo's rotation, d3-array's hand-made iteration).
  // 75.1% once callbacks are judged per position (ramda's _curry1, defaults like `equiv = _eq`, `getter ?? ((v) => v)`),
  // Promise.all reads, literal reduce accumulators keep what they are given and methods setting only their own slots
  // write only their object (radash 68.0% -> 81.2%, es-toolkit 81.8% -> 84.9%).
  // 78.3% (78.5% with 80 calls) once closures handed back are charged where they are called (ramda's _curry2/_curry3
  // partial branches), read-only built-ins pass as callbacks, reading method names read their arguments on untyped
  // receivers (not callback-taking ones), copies through X.prototype.m.call are fresh and a function held under a
  // quoted key may change its object (that one sound where it had not been).
  // Then dot-prop and ml-distance, untuned (69.2% and 100% when added). 81.7% (200 calls) once writes undone before
  // returning are none (lodash's getRawTag), factories returning other factories' closures read, built-ins read off
  // the global object and Node's util.types are the built-ins, and a function may vouch for itself as a callback.
  // Then @antfu/utils, fast-json-patch, geolib and moderndash, untuned (83.5%, 47.1%, no function found, 70.5% when
  // added): 82.2% in all twenty-six after destructuring targets, promise executors, functions written here given to
  // reading methods of untyped receivers, Babel's CommonJS exports and callbacks taken with pop/shift/at.
  // Then remeda, gl-mat4 and dset, untuned (80.9%, 100% once gl-mat4's `module.exports = { f: require(...) }` was
  // followed at all, 50.0% when added): all twenty-nine 82.1% with them, 82.8% after closures handed back hold what
  // their callbacks return, callbacks per position at plain calls (remeda's purry) and arrays in a fresh object's slots.
  // Then ml-stat, stats-lite, transformation-matrix and object-path, untuned (62.3% of their 167 together when added):
  // all thirty-three 82.5% with them, 83.9% after own CommonJS exports, required packages' module.exports, spread
  // arguments and variables assigned only functions; 84.0% once `new DataView(buffer)` is a view (moderndash's isEqual).
  assert.ok(Number(total[2]) >= 82, `precision ${total[2]}% in all (84.0% when this was last set)`);
  const precision = (lib: string): number => Number(new RegExp(`^${lib}@\\S+ .* precision\\s+([\\d.]+)%`, 'm').exec(output)?.[1]);
  assert.ok(precision('gl-matrix') >= 99, `gl-matrix precision ${precision('gl-matrix')}%`);
  assert.ok(precision('simple-statistics') >= 99, `simple-statistics precision ${precision('simple-statistics')}%`);
  // (d3-array and d3-interpolate: 89.1% and 91.1% since the oracle judges their factory-made exports too, the new
  // ones imprecise: `var interpolateHsl = hsl(hue)`.)
  // (84.2% once a call's result may be what its callee holds: InternSet's `_key(value)`; 87.1% once `it.next()` of
  // `values[Symbol.iterator]()` is iteration, not an unknown method.)
  // (90.1% once mode's InternMap is judged with its default key function and nest's `Array.from` reads.)
  assert.ok(precision('d3-array') >= 88, `d3-array precision ${precision('d3-array')}%`);
  // d3-geo: 63.3% once a call's result may be what its callee holds, 68.1% (32/47; 65.3% if 49 are judged) once a
  // declaration named after a replaced parameter sees the replacement (`forward` in `rotation`).
  assert.ok(precision('d3-geo') >= 64, `d3-geo precision ${precision('d3-geo')}%`);
  assert.ok(precision('vega-util') >= 90, `vega-util precision ${precision('vega-util')}%`);
  assert.ok(precision('vega-statistics') >= 98, `vega-statistics precision ${precision('vega-statistics')}%`);
  // (100% once the interpolators an interpolator factory hands back write where they are called.)
  assert.ok(precision('d3-interpolate') >= 98, `d3-interpolate precision ${precision('d3-interpolate')}%`);
  // (53.9% and 28.5% when added, 85.1% and 30.4% now; lodash's rest is mostly getRawTag's save-and-restore of
  // Symbol.toStringTag.)
  assert.ok(precision('ml-spectra-processing') >= 84, `ml-spectra-processing precision ${precision('ml-spectra-processing')}%`);
  // (lodash-es 27.4% with its factory-made exports judged: 14 more functions; 25.0% once a call through a choice of
  // functions, `var func = isArray(c) ? arrayShuffle : baseShuffle`, saw every choice and not the checker's one.)
  // (53.1% after the round that followed: getRawTag's save-and-restore, isBuffer and nodeUtil through the global object
  // and Node's util module, baseIteratee's nested factories, baseToString handing itself to arrayMap.)
  assert.ok(precision('lodash-es') >= 50, `lodash-es precision ${precision('lodash-es')}%`);
  assert.ok(precision('ml-distance') >= 99, `ml-distance precision ${precision('ml-distance')}%`);
  // (38.4% and 81.4% when added; underscore 44.7% after call/apply, 43.6% with the test's 80 calls per function. Turf: 97.6% and 100% when added, the one miss a
  // `delete geojson.bbox` the oracle's arguments never reach.)
  // underscore: 43.6% with its factory-made exports judged (200 calls), 50.5% after factory-made closures were followed.
  // 48.1% (48.4% with 200 calls, from 58.0%) once a callback parameter the function replaces is no longer taken for the
  // caller's (replaced-callees.ts): `iteratee = cb(iteratee, context)` may be what `_.iteratee(value, context)` returns,
  // the hook users replace by design, so map, filter, find... may write their collection; those 18 were precise only by
  // that unsound assumption.
  assert.ok(precision('underscore') >= 46, `underscore precision ${precision('underscore')}%`);
  // (es-toolkit 88.6% after the round that added @antfu/utils and the others: a swap into a copy, inline callbacks.)
  assert.ok(precision('es-toolkit') >= 86, `es-toolkit precision ${precision('es-toolkit')}%`);
  assert.ok(precision('@turf/helpers') >= 97, `@turf/helpers precision ${precision('@turf/helpers')}%`);
  assert.ok(precision('@turf/meta') >= 97, `@turf/meta precision ${precision('@turf/meta')}%`);
  // Added untuned: ramda 0.5% when added (every export a closure of its currying helpers), 31.9% after factory-made
  // closures were followed (32.7% with 80 calls); @thi.ng/arrays 84.3% (83.3%); radash 58.0% when added, 71.3%
  // (73.4%) after reduce's accumulator.
  // ramda 41.5% after calls through names typed `Function` (its helpers' JSDoc) and returned closures held, not lost.
  // ramda 56.2% once a closure handed back writes where it is called (_curry2's `_curry1((_b) => fn(a, _b))`), 60.2%
  // after copies through Array.prototype.slice.call and quoted methods of the caller's data (`a['fantasy-land/…'](b)`).
  // 70.0% once a closure made by `_curry1/2/3(fn)` is analysed with `fn` bound to the function that call passed
  // (bound-factory.ts: `fn(a, b)` has that function's effects per parameter, not unknown code's).
  assert.ok(precision('ramda') >= 66, `ramda precision ${precision('ramda')}%`);
  assert.ok(precision('@thi.ng/arrays') >= 82, `@thi.ng/arrays precision ${precision('@thi.ng/arrays')}%`);
  // (radash 68.0% once a call's result may be what its callee holds: `mapper(item)`, `getter(a)`.)
  // (81.2% once a const holding a callback or a reading function is a reading callback and a literal accumulator has
  // the built-in push.)
  assert.ok(precision('radash') >= 81, `radash precision ${precision('radash')}%`);
  // Added untuned (numbers when added, then after the round that followed, 200 calls): @antfu/utils 83.5% -> 87.3%,
  // fast-json-patch 47.1% (its applyOperation really writes; validate's document goes through a `_deepClone` that
  // may hand back a function argument itself), geolib no function found (Babel's CommonJS) -> 85.0% (the rest:
  // Babel's lowered defaults `arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : _f.default`),
  // moderndash 70.5% -> 82.1%.
  assert.ok(precision('@antfu/utils') >= 83, `@antfu/utils precision ${precision('@antfu/utils')}%`);
  assert.ok(precision('fast-json-patch') >= 40, `fast-json-patch precision ${precision('fast-json-patch')}%`);
  assert.ok(precision('geolib') >= 80, `geolib precision ${precision('geolib')}%`);
  assert.ok(precision('moderndash') >= 78, `moderndash precision ${precision('moderndash')}%`);
  // remeda 80.9% -> 89.6% (the rest: clone's `refFrom.push(value)` on a parameter array, sort's comparator); dset's
  // misses need path sensitivity (`t = t[k] = i === l ? val : …` stores val only on the last step).
  assert.ok(precision('remeda') >= 87, `remeda precision ${precision('remeda')}%`);
  assert.ok(precision('gl-mat4') >= 99, `gl-mat4 precision ${precision('gl-mat4')}%`);
  assert.ok(precision('dset') >= 50, `dset precision ${precision('dset')}%`);
  // Added untuned (numbers when added, then after the round that followed, 200 calls): ml-stat 62.6% -> 97.8% (calls of
  // its own `exports.f`; the rest: center/standardize with a literal `inPlace` false, which needs the constant argument),
  // stats-lite 15.4% -> 100% (`var isNumber = require("isnumber")`), transformation-matrix 90.7% -> 100% (spread
  // arguments), object-path 30.0% -> 50.0% (functions assigned in branches to a var declared without a value; the rest
  // are calls through members of the factory's function object, `objectPath.get(obj, path)`, not followed).
  assert.ok(precision('ml-stat') >= 95, `ml-stat precision ${precision('ml-stat')}%`);
  assert.ok(precision('stats-lite') >= 99, `stats-lite precision ${precision('stats-lite')}%`);
  assert.ok(precision('transformation-matrix') >= 99, `transformation-matrix precision ${precision('transformation-matrix')}%`);
  assert.ok(precision('object-path') >= 45, `object-path precision ${precision('object-path')}%`);
  // mout 90.3% before `f.call(ctx, x)` of a reading callback wrote ctx unless the callback leaves its `this` alone
  // (this-readers.ts: a soundness fix), 86.7% after; xe-utils added untuned at 50.0%, 59.2% -> 65.3% once
  // `xs.forEach(f, ctx)` leaves ctx alone where f leaves its `this` alone (as `f.call(ctx, x)` did).
  assert.ok(precision('mout') >= 84, `mout precision ${precision('mout')}%`);
  assert.ok(precision('xe-utils') >= 60, `xe-utils precision ${precision('xe-utils')}%`);
  // rambda added untuned at 93.0%, 94.1% once a factory call written as the callee (`drop(1)(list)`) runs its closure.
  assert.ok(precision('rambda') >= 92, `rambda precision ${precision('rambda')}%`);
  // vega-util's imports resolve to the .d.ts beside each module: its functions are found and judged through the
  // JavaScript behind them (analysis/code-behind.ts), none of them unknown.
  const vegaUtil = /^vega-util@\S+\s+functions\s+(\d+)/m.exec(output);
  assert.ok(vegaUtil && Number(vegaUtil[1]) >= 45, `vega-util functions judged: ${vegaUtil?.[1]}`);
});

test.run();
