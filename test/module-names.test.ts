/**
 * module-names.ts filters module-state.ts's whole-program scan by name: a reference is resolved only when its name
 * may name a module's top-level declaration. That is exact only if every reference whose symbol is a module object,
 * class or function has such a name: this checks that invariant on the ways a name can differ from the declaration's
 * (import aliases, namespace imports, re-exports under another name read by destructuring, default exports).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext, symbolOf } from '../transformer/analysis/context';
import { moduleStateOf } from '../transformer/analysis/module-state';
import { moduleNames } from '../transformer/analysis/module-names';
import { isDeclarationName, isReference } from '../transformer/rewrite/syntax';

const sources = new Map([
  ['/virtual/config.ts', `export const RATES = [1, 2];\nexport class Settings { static k = 1 }\nexport default function () { return 1; }\n` +
    `export function helper() { return RATES[0]; }\nexport { RATES as PRICES };\nnamespace Inner { export const X = 1; }\nexport import Y = Inner.X;\n`],
  ['/virtual/again.ts', `export * as cfg from './config';\nexport { Settings as Options } from './config';\n`],
  ['/virtual/main.ts', `import make, { RATES as R, Settings as S, helper as h } from './config';\nimport * as K from './config';\n` +
    `import { cfg, Options } from './again';\nimport C = require('./config');\n` +
    `const { PRICES: p, default: d } = K;\nconst { RATES: q } = cfg;\n` +
    `export function run() { R[0] = 2; S.k = 3; Options.k = 4; p.push(1); q.pop(); C.RATES.length; return make() + h() + d(); }\n`],
]);

test('every reference to a module object, class or function has a name module-names.ts lists', () => {
  const program = createAnalysisProgram(ts, [...sources.keys()], sources);
  assert.is(ts.getPreEmitDiagnostics(program).length, 0, 'the sources compile');
  const ctx = createContext(ts, program);
  const state = moduleStateOf(ctx, () => false);
  const { names, filters } = moduleNames(ts, program);
  const missed: string[] = [];
  let checked = 0;
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    assert.ok(filters(file), `${file.fileName} is filtered`);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node)) {
        const symbol = symbolOf(ctx, node);
        if (symbol && (state.isModuleObject(symbol) || state.isModuleClass(symbol) || state.isModuleFunction(symbol))) {
          checked++;
          if (!names.has(node.text)) missed.push(`${node.text} at ${file.fileName}:${node.getStart()}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  assert.ok(checked >= 10, `the sources name module declarations (${checked})`);
  assert.equal(missed, []);
});

test('JavaScript files are not filtered (any name may be an alias there)', () => {
  const program = createAnalysisProgram(ts, ['/virtual/a.js'], new Map([['/virtual/a.js', 'function f() { const { A: B } = require("./b"); return B; }\n']]));
  const file = program.getSourceFile('/virtual/a.js')!;
  assert.not.ok(moduleNames(ts, program).filters(file));
});

test.run();
