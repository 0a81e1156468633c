/**
 * A package's class whose JavaScript gives each instance a function of its own (analysis/package-classes.ts):
 * decimal.js's `x.constructor = Decimal`. A task returning one ran in a worker and failed when storing its value
 * (tester #16's G10); now its calls run in place with the reason, and an argument holding one keeps its call direct.
 * Packages are written to a temporary folder, as npm would install them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { createContext } from '../transformer/analysis/context';
import { Summaries } from '../transformer/analysis/summaries';
import { discoverTasks } from '../transformer/analysis/discover';

const root = mkdtempSync(join(tmpdir(), 'taskify-package-classes-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

function pkg(name: string, js: string): void {
  const dir = join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', types: 'index.d.ts' }));
  writeFileSync(join(dir, 'index.d.ts'), 'export declare class Num { constructor(v: string); plus(o: Num): Num; toString(): string }\nexport default Num;\n');
  writeFileSync(join(dir, 'index.js'), js);
}

pkg('own-constructor', `;(function () {
  function clone() { function Num(v) { var x = this; x.constructor = Num; x.v = v; } Num.prototype.constructor = Num; return Num; }
  module.exports = clone(); module.exports.Num = module.exports; module.exports.default = module.exports;
})();\n`);
pkg('arrow-field', 'class Num { constructor(v) { this.v = v; this.plus = (o) => new Num(this.v + o.v); } }\nmodule.exports = { Num, default: Num };\n');
pkg('private-method', 'class Num { #init(v) { this.v = v; } constructor(v) { this.#init(v); } }\nmodule.exports = { Num, default: Num };\n');
pkg('private-base', 'class Base { #data = 0; }\nclass Num extends Base { constructor(v) { super(); this.v = v; } }\nmodule.exports = { Num, default: Num };\n');
pkg('plain-class', 'function Num(v) { this.v = v; }\nNum.prototype.constructor = Num;\nNum.prototype.plus = function (o) { return new Num(this.v + o.v); };\nmodule.exports = { Num, default: Num };\n');

function resultStaysHere(name: string): string | undefined {
  const main = join(root, `${name}.ts`);
  writeFileSync(main, `import { Num } from '${name}';\n/** @task */\nexport function half(s: string): Num { return new Num(s); }\n`);
  const program = createAnalysisProgram(ts, [main], undefined, { moduleResolution: ts.ModuleResolutionKind.Node10, module: ts.ModuleKind.CommonJS });
  const ctx = createContext(ts, program);
  const { tasks, diagnostics } = discoverTasks(ctx, new Summaries(ctx), program.getSourceFile(main)!);
  assert.equal(diagnostics.length, 0, ts.flattenDiagnosticMessageText(diagnostics[0]?.messageText ?? '', '\n'));
  return tasks[0].runsInPlace;
}

test('an instance with an own constructor or a function field, set by its package, stays here with the reason', () => {
  assert.match(resultStaysHere('own-constructor') ?? '', /class Num, whose package gives each instance a function of its own, `x\.constructor = Num` \(index\.js:2\)/);
  assert.match(resultStaysHere('arrow-field') ?? '', /`this\.plus = \(o\) => new Num/);
});

test('an instance of a package class with a private member, its own or a base class\'s, stays here (tester #18\'s r22: ml-matrix)', () => {
  assert.match(resultStaysHere('private-method') ?? '', /class Num, which has private #members that cannot be copied, `#init` \(index\.js:1\)/);
  assert.match(resultStaysHere('private-base') ?? '', /class Num \(extending Base\), which has private #members that cannot be copied, `#data`/);
});

test("a package's class whose instances hold data only travels (a prototype's constructor is the class's, not the instance's)", () => {
  assert.is(resultStaysHere('plain-class'), undefined);
});

test.run();
