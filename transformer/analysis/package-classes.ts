/**
 * Instances of a package's classes, whose fields a `.d.ts` does not show: a worker rebuilds an instance from its class
 * and its own fields, and a function among those cannot travel. decimal.js sets `x.constructor = Decimal` on every
 * instance (its methods read the class from there), so a task returning a Decimal ran in a worker and then failed
 * with "its return value cannot be stored ... a function at .constructor" (tester #16's G10, r13, 89-lib-decimal).
 *
 * The package's JavaScript behind the declaration (package-files.ts: the file beside it, or the package's entry) is
 * read for the class's own code, a function or class of that name anywhere in the file (decimal.js makes `Decimal`
 * inside a `clone` factory), and an assignment there of an own `constructor` (`x.constructor = C`, not
 * `C.prototype.constructor`) or of a function to a field of `this` (`this.onChange = () => …`) marks the class:
 * its instances cannot travel, and sendable.ts says why; so does a member with a private name (`#data`, `#init()`:
 * tester #18's r22, ml-matrix's Matrix, whose instances the worker cannot rebuild), in the class or a base class of
 * the same file. No JavaScript found, nothing found: the class travels.
 */
import type * as ts from 'typescript';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnalysisContext } from './context';
import { besideJs, entryIfTypes } from './package-files';

const parsed = new Map<string, ts.SourceFile | undefined>();
const found = new Map<string, string | null>();

/** Why instances of the class `declaration` (in a package's `.d.ts`) hold a function of their own, or undefined. */
export function packageClassOwnFunction(ctx: AnalysisContext, declaration: ts.ClassLikeDeclaration): string | undefined {
  const file = declaration.getSourceFile();
  const name = declaration.name?.text;
  if (!name || ctx.program.isSourceFileDefaultLibrary(file) || !/[\\/]node_modules[\\/]/.test(file.fileName) ||
    /[\\/]@types[\\/]node[\\/]/.test(file.fileName)) return undefined;
  const js = besideJs(file.fileName) ?? entryIfTypes(file.fileName);
  if (!js) return undefined;
  const key = `${js}#${name}`;
  let why = found.get(key);
  if (why === undefined) { why = ownFunctionIn(ctx.ts, js, name) ?? null; found.set(key, why); }
  return why ?? undefined;
}

function ownFunctionIn(t: typeof ts, js: string, name: string, depth = 0): string | undefined {
  let source = parsed.get(js);
  if (!parsed.has(js)) {
    try { source = t.createSourceFile(js, readFileSync(js, 'utf8'), t.ScriptTarget.Latest, true, t.ScriptKind.JS); } catch { source = undefined; }
    parsed.set(js, source);
  }
  if (!source) return undefined;
  let why: string | undefined;
  const inClass = (node: ts.Node): void => {
    if (why) return;
    if (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.EqualsToken && t.isPropertyAccessExpression(node.left)) {
      const target = node.left;
      const ownConstructor = target.name.text === 'constructor' &&
        !(t.isPropertyAccessExpression(target.expression) && target.expression.name.text === 'prototype');
      const functionField = target.expression.kind === t.SyntaxKind.ThisKeyword &&
        (t.isArrowFunction(node.right) || t.isFunctionExpression(node.right));
      if (ownConstructor || functionField) {
        const line = source!.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        why = `\`${node.getText(source).slice(0, 60)}\` (${basename(js)}:${line})`;
        return;
      }
    }
    t.forEachChild(node, inClass);
  };
  let privateMember: string | undefined;
  const bases: string[] = [];
  const find = (node: ts.Node): void => {
    if (why || privateMember) return;
    if ((t.isFunctionDeclaration(node) || t.isClassDeclaration(node) || t.isClassExpression(node) || t.isFunctionExpression(node)) && node.name?.text === name) {
      if (t.isClassLike(node)) {
        // (`#initData(…)` of ml-matrix's Matrix: an instance rebuilt from its class lacks the brand its methods check.)
        const own = node.members.find((m) => m.name && t.isPrivateIdentifier(m.name));
        if (own) privateMember = `\`${own.name!.getText(source)}\` (${basename(js)}:${source!.getLineAndCharacterOfPosition(own.getStart(source)).line + 1})`;
        const base = node.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        if (base && t.isIdentifier(base)) bases.push(base.text);
      }
      t.forEachChild(node, inClass);
      return;
    }
    t.forEachChild(node, find);
  };
  find(source);
  if (privateMember) return `an instance of class ${name}, which has private #members that cannot be copied, ${privateMember}`;
  if (why) return `an instance of class ${name}, whose package gives each instance a function of its own, ${why} (functions cannot travel to a worker)`;
  // What its base classes in the same file give each instance, too.
  for (const base of bases) {
    if (depth < 8 && base !== name) {
      const inBase = ownFunctionIn(t, js, base, depth + 1);
      if (inBase) return inBase.replace(`an instance of class ${base},`, `an instance of class ${name} (extending ${base}),`);
    }
  }
  return undefined;
}
