/**
 * Direction inference through CommonJS modules (radash's build): a module object from `require` is a namespace whose
 * functions are judged by their bodies and which keeps nothing, and a built-in it re-exports under an alias
 * (`const isArray = Array.isArray; exports.isArray = isArray`) is that built-in. Each precise case has its written twin.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';
import { formatDiagnostic } from '../transformer/analysis/diagnostics';

/** Directions of the one task of `files['main.ts']` (other files: JavaScript beside it). */
function directions(files: Record<string, string>): Record<string, string> {
  const sources = new Map(Object.entries(files).map(([name, text]) => [`/virtual/${name}`, text]));
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  const result = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile('/virtual/main.ts')!);
  assert.equal(result.diagnostics.map((d) => formatDiagnostic(ctx, d)), [], 'no compile errors');
  assert.is(result.tasks.length, 1, 'one task');
  return Object.fromEntries(result.tasks[0].params.map((p) => [p.name, `${p.direction}: ${p.reason}`]));
}

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

test.run();
