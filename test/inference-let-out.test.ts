/**
 * Whether a function lets a parameter out of the call (escaped: stored outside it, or returned) or keeps it in
 * another parameter: a task that does keeps its calls direct ("its result would share the caller's object"). One
 * construct per case, each with a twin that does let it out (tester #16's G4 and G5).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext, type FunctionLike } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';

/** The summary of the exported function `t` declared in `code`, by parameter name: direction-relevant flags and why. */
function effects(code: string): Record<string, { written: boolean; escaped?: string; kept?: string }> {
  const name = '/virtual/main.ts';
  const program = createAnalysisProgram(ts, [name], new Map([[name, code]]));
  const ctx = createContext(ts, program);
  const file = program.getSourceFile(name)!;
  const fn = file.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === 't')!;
  const summary = new Summaries(ctx).get(fn as FunctionLike);
  return Object.fromEntries(fn.parameters.map((p, i) => {
    const e = summary.params[i];
    return [p.name.getText(), { written: e.written !== undefined, escaped: e.escaped?.text, kept: e.kept?.text }];
  }));
}

test('a destructuring swap of a parameter\'s elements writes it and lets nothing out', () => {
  const { xs } = effects('export function t(xs: { n: number }[]) { [xs[0], xs[1]] = [xs[1], xs[0]]; }');
  assert.ok(xs.written);
  assert.is(xs.escaped, undefined);
  assert.is(xs.kept, undefined);
});

test('a destructuring assignment into module state lets the parameter out', () => {
  const { xs } = effects('export let kept: { n: number } | undefined;\nexport function t(xs: { n: number }[]) { [kept] = [xs[0]]; }');
  assert.match(xs.escaped ?? '', /stored outside the function/);
});

test('a destructuring assignment into another parameter\'s slot keeps it there', () => {
  const { xs, ys } = effects('export function t(xs: { n: number }[], ys: { n: number }[]) { [ys[0], xs[0]] = [xs[0], ys[0]]; }');
  assert.match(xs.kept ?? '', /kept in `ys`/);
  assert.match(ys.kept ?? '', /kept in `xs`/);
});

test('an object pattern into slots of the same parameter lets nothing out; a default from another is kept', () => {
  const same = effects('export function t(xs: { n: number }[]) { ({ a: xs[0], b: xs[2] } = { a: xs[2], b: xs[0] }); }');
  assert.is(same.xs.escaped, undefined);
  const dflt = effects('export function t(xs: { n: number }[], d: { n: number }) { [xs[0] = d] = [xs[1]]; }');
  assert.match(dflt.d.kept ?? '', /kept in `xs`/);
});

test.run();
