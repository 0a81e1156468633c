/**
 * syntax-census.ts keeps a file's nodes in the order a recursive ts.forEachChild walk meets them, with where each
 * subtree ends: the member-write index, the planner's reference index, the module-state scan, the try and resumption
 * searches loop over it instead of walking, and skip a subtree by its end. plain-namespace.ts hands the analyses the
 * compiler's exports with the members read at every node as own properties of an object small enough for V8 to keep
 * a fast layout (the whole namespace, ~2,200 properties, is a hash table to it).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { censusOf } from '../transformer/analysis/syntax-census';
import { plainNamespace } from '../transformer/analysis/plain-namespace';

const sources = new Map([
  ['/virtual/m.ts', `export class A { m(x: number[]) { return x.map((v) => v + 1); } }\n` +
    `/** @task */\nexport function t(xs: number[]): number { let s = 0; for (const x of xs) s += x; return s; }\n` +
    `async function f() { try { await Promise.resolve(t([1])); } catch { return [, 2]; } }\nf();\n`],
]);

test('the census lists every node in forEachChild order, each subtree up to its end', () => {
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  const ctx = createContext(ts, program);
  const source = program.getSourceFile('/virtual/m.ts')!;
  const walked: ts.Node[] = [];
  const visit = (node: ts.Node): void => { walked.push(node); ts.forEachChild(node, visit); };
  visit(source);
  const { nodes, ends } = censusOf(ctx, source);
  assert.is(nodes.length, walked.length);
  assert.ok(nodes.every((node, i) => node === walked[i]), 'the same nodes in the same order');
  nodes.forEach((node, i) => {
    const inside = nodes.slice(i + 1, ends[i]);
    assert.ok(inside.every((n) => ts.findAncestor(n.parent, (a) => a === node) !== undefined), 'the nodes up to its end are its descendants');
    const next = nodes[ends[i]];
    assert.ok(next === undefined || ts.findAncestor(next.parent, (a) => a === node) === undefined, 'the node at its end is not');
  });
});

test('the plain namespace has every export of the compiler, and few enough own properties for a fast layout', () => {
  const plain = plainNamespace(ts) as unknown as Record<string, unknown>;
  for (const key of Object.keys(ts)) assert.is(plain[key], (ts as unknown as Record<string, unknown>)[key], key);
  const own = Object.keys(plain);
  assert.ok(own.length < 1020, `${own.length} own properties (V8 keeps at most 1020 in a fast layout)`);
  for (const key of ['isIdentifier', 'isCallExpression', 'SyntaxKind', 'forEachChild', 'getCombinedNodeFlags']) assert.ok(own.includes(key), key);
});

test.run();
