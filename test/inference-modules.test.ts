/**
 * Direction inference through CommonJS modules (radash's build): a module object from `require` is a namespace whose
 * functions are judged by their bodies and which keeps nothing, and a built-in it re-exports under an alias
 * (`const isArray = Array.isArray; exports.isArray = isArray`) is that built-in. Each precise case has its written twin.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions } from './task-directions';

const FILES = {
  'typed.cjs': `'use strict';
const isArray = Array.isArray;
const touch = (o) => { o.seen = true; return true; };
exports.isArray = isArray;
exports.touch = touch;
`,
  'lib.cjs': `'use strict';
const typed = require('./typed.cjs');
function check(list) { return typed.isArray(list) && list.length > 0; }
function mark(list) { return typed.touch(list); }
exports.check = check;
exports.mark = mark;
`,
};

test('a required module\'s functions are its own: a re-exported built-in reads, a function that writes writes', () => {
  const found = directions({ ...FILES, 'main.ts': `import { check, mark } from './lib.cjs';
/** @task */
export function t(p: number[], q: number[]) { return check(p) && mark(q); }
` });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^inout:.*o\.seen = true/, found.q);
});

// gl-mat4's shape: one `module.exports = fn` per file, gathered into an object literal of `require` calls.
const GATHERED = {
  'copy.js': `module.exports = copy;
function copy(out, a) { out[0] = a[0]; return out; }
`,
  'length.js': `module.exports = length;
function length(a) { return Math.hypot(a[0], a[1]); }
`,
  'index.js': `module.exports = {
  copy: require('./copy'),
  length: require('./length'),
};
`,
};

test('members of a `module.exports = { f: require(...) }` object are the required modules\' functions', () => {
  const found = directions({ ...GATHERED, 'main.ts': `import * as vec from './index.js';
/** @task */
export function t(out: number[], a: number[], b: number[]) { vec.copy(out, a); return vec.length(b); }
` });
  assert.match(found.out, /^inout:.*out\[0\] = a\[0\]/, found.out);
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^in:/, found.b);
});

// ml-stat's shape: a module calling its own exports through `exports.f(…)`, one of them an alias (`exports.mean =
// exports.arithmeticMean`); a member assigned twice is either function, so it stays unknown.
const SELF_CALLING = {
  'stat.js': `'use strict';
exports.arithmeticMean = function arithmeticMean(values) { var s = 0; for (var i = 0; i < values.length; i++) s += values[i]; return s / values.length; };
exports.mean = exports.arithmeticMean;
exports.center = function center(values) { values[0] -= exports.mean(values); return values; };
exports.variance = function variance(values) { var m = exports.mean(values); return m * m; };
exports.centered = function centered(values) { return module.exports.center(values); };
exports.twice = function reads(values) { return values[0]; };
exports.twice = function writes(values) { values[0] = 1; return values[0]; };
exports.viaTwice = function viaTwice(values) { return exports.twice(values); };
`,
};

test('a CommonJS module\'s calls to its own `exports.f` are judged by f; a member assigned twice is either', () => {
  const found = directions({ ...SELF_CALLING, 'main.ts': `import { variance, centered, viaTwice } from './stat.js';
/** @task */
export function t(p: number[], q: number[], r: number[]) { return variance(p) + centered(q)[0] + viaTwice(r); }
` });
  assert.match(found.p, /^in:/, found.p);
  assert.match(found.q, /^inout:.*values\[0\] -= exports\.mean\(values\)/, found.q);
  assert.match(found.r, /^inout:/, found.r);
});

test('`exports.f` is not trusted once the module replaces or hands on its exports object', () => {
  const replaced = { 'stat.js': `'use strict';
exports.mean = function mean(values) { return values[0]; };
exports.variance = function variance(values) { return exports.mean(values); };
Object.assign(exports, { mean: function (values) { values[0] = 1; return 1; } });
` };
  const found = directions({ ...replaced, 'main.ts': `import { variance } from './stat.js';
/** @task */
export function t(p: number[]) { return variance(p); }
` });
  assert.match(found.p, /^inout:/, found.p);
});

test.run();
