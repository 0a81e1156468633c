/**
 * Which values a worker can receive, judged from their static type: not functions or symbols, and class instances
 * only of classes the worker can import to rebuild them (runtime/store/classes.ts). Used for a task's parameter
 * types (compile errors) and for each call's argument types (a call whose argument cannot travel stays direct).
 */
import type * as ts from 'typescript';
import { readTaskTags } from './tags';
import { isLibraryGlobal, qualifiedName, type AnalysisContext } from './context';
import { isReadOnlyFunction } from './builtins';
import { COPYING_CONSTRUCTORS } from './builtin-callees';
import { packageClassOwnFunction } from './package-classes';

const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

export function unsendableType(ctx: AnalysisContext, type: ts.Type): string | undefined {
  const { ts } = ctx;
  const parts = type.isUnion() ? type.types : [type];
  for (const t of parts) {
    if (t.flags & ts.TypeFlags.ESSymbolLike) return 'a symbol';
    if (t.getCallSignatures().length > 0) return 'a function';
    const why = unsendableClass(ctx, t);
    if (why) return why;
  }
  return undefined;
}

/**
 * `export const Rect = class extends Shape { … }`: a class expression a module exports under the name the class
 * takes from its `const` (its `name` at run time, which the worker looks up among the module's exports).
 */
function exportedConstClass(ctx: AnalysisContext, declaration: ts.Declaration): boolean {
  const { ts } = ctx;
  const holder = declaration.parent;
  if (!ts.isClassExpression(declaration) || declaration.name || !ts.isVariableDeclaration(holder) || holder.initializer !== declaration ||
    !ts.isIdentifier(holder.name) || !ts.isVariableDeclarationList(holder.parent) || !(holder.parent.flags & ts.NodeFlags.Const)) return false;
  const statement = holder.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) &&
    (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/**
 * Built-ins whose objects keep what they hold in internal slots, which no file carries (runtime/store/refusals.ts,
 * classes.ts): a call given one runs in place at run time, and a task returning one stays direct (sendable-result.ts;
 * tester np37's boxed, urls, resbi: `new Number(5)`, a URL, a Blob, an Intl.NumberFormat, Headers crashed the run after
 * the task ran). Every member of `Intl` too. (ArrayBuffer, SharedArrayBuffer and DataView: sendable-result.ts.)
 */
const SLOTTED_BUILTINS = new Set([
  'Number', 'String', 'Boolean', 'BigInt', 'Symbol', 'URL', 'URLSearchParams', 'Blob', 'File', 'Headers', 'Request', 'Response',
  'FormData', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'EventTarget', 'Event', 'MessageChannel', 'MessagePort',
]);

/** Why an instance of this type cannot travel because it is a built-in of SLOTTED_BUILTINS (declared by the library's declarations only). */
export function slottedBuiltin(t: ts.Type): string | undefined {
  const symbol = t.getSymbol();
  if (!symbol) return undefined;
  const declarations = symbol.getDeclarations() ?? [];
  if (declarations.length === 0 || !declarations.every((d) => d.getSourceFile().isDeclarationFile)) return undefined;
  const name = symbol.getName();
  const parent = (symbol as ts.Symbol & { parent?: ts.Symbol }).parent;
  const builtin = parent?.getName() === 'Intl' ? `Intl.${name}` : parent === undefined && SLOTTED_BUILTINS.has(name) ? name : undefined;
  return builtin && `${withArticle(builtin)}, a built-in whose contents no worker receives`;
}

/** Why an instance of this (non-union) type cannot travel because of its class, or undefined (not a class, or fine). */
export function unsendableClass(ctx: AnalysisContext, t: ts.Type): string | undefined {
  const { ts } = ctx;
  const symbol = t.getSymbol();
  const declaration = symbol?.getDeclarations()?.find((d) => ts.isClassLike(d));
  if (!symbol || !(symbol.flags & ts.SymbolFlags.Class) || !declaration) return undefined;
  // A package's class: its own fields are in its JavaScript (package-classes.ts).
  if (declaration.getSourceFile().isDeclarationFile) return packageClassOwnFunction(ctx, declaration as ts.ClassLikeDeclaration);
  // (`const Rect = class { … }`: the class takes its const's name.)
  const holder = declaration.parent;
  const name = ts.isClassExpression(declaration) && !declaration.name && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)
    ? holder.name.text : symbol.getName();
  // The runtime rebuilds an instance in the worker from its class, which it imports: the class must be exported, or
  // declared at the top level of a module the plugin shares it from by name (rewrite/emit-module-setup.ts).
  const topLevel = ts.isClassDeclaration(declaration) && ts.isSourceFile(declaration.parent);
  const exported = (topLevel && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) !== 0) ||
    exportedConstClass(ctx, declaration) || (topLevel && declaration.name !== undefined && sharesHiddenClasses(ctx, declaration.getSourceFile()));
  if (!exported) return `an instance of class ${name}, which its module does not export (a worker rebuilds an instance by importing its class)`;
  const hidden = ctx.checker.getPropertiesOfType(t).filter((p) => p.getName().startsWith('#'));
  const privateMembers = (declaration as ts.ClassLikeDeclaration).members.filter((m) => m.name && ts.isPrivateIdentifier(m.name));
  if (hidden.length > 0 || privateMembers.length > 0) return `an instance of class ${name}, which has private #fields that cannot be copied`;
  // `describe = () => …`: a field holding a function, own to each instance (a method lives on the class and travels with it).
  const functionField = (declaration as ts.ClassLikeDeclaration).members.find((m) => ts.isPropertyDeclaration(m) &&
    !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) && ctx.checker.getTypeAtLocation(m).getCallSignatures().length > 0);
  if (functionField?.name) {
    return `an instance of class ${name}, whose field ${functionField.name.getText()} holds a function (functions cannot travel to a worker)`;
  }
  if (runsCodeWhenImported(ctx, declaration.getSourceFile())) {
    return `an instance of class ${name}, whose module runs code at its top level (a worker importing it to rebuild the instance would run it again): move the class to a module of its own`;
  }
  return undefined;
}

/**
 * A module with statements that do something at its top level, and no task (the plugin keeps a task module's top-level
 * statements out of workers): importing it runs the program again, as an entry module would.
 */
const runsCode = new WeakMap<ts.SourceFile, boolean>();

function runsCodeWhenImported(ctx: AnalysisContext, source: ts.SourceFile): boolean {
  let known = runsCode.get(source);
  if (known === undefined) { known = scanTopLevel(ctx, source); runsCode.set(source, known); }
  return known;
}

/**
 * A module whose top-level classes the plugin shares by name, exported or not (rewrite/emit-module-setup.ts): a task's
 * module (a worker imports it anyway, its entry code kept out), or one whose top level only declares things, which a
 * worker may import to rebuild an instance. So a helper module's private class behind an interface
 * (`makeSecret(): { reveal(): string } { return new Secret() }`) comes back from a task whole (tester np41's F3).
 */
export function sharesHiddenClasses(ctx: AnalysisContext, source: ts.SourceFile): boolean {
  return !source.isDeclarationFile && !runsCodeWhenImported(ctx, source);
}

const hasTasks = new WeakMap<ts.SourceFile, boolean>();

/** Whether a function of the module is tagged @task. */
function declaresTasks(ctx: AnalysisContext, source: ts.SourceFile): boolean {
  const { ts } = ctx;
  let known = hasTasks.get(source);
  if (known !== undefined) return known;
  known = false;
  const findTask = (node: ts.Node): void => {
    if (known) return;
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && readTaskTags(ctx, node)) known = true;
    else ts.forEachChild(node, findTask);
  };
  findTask(source);
  hasTasks.set(source, known);
  return known;
}

function scanTopLevel(ctx: AnalysisContext, source: ts.SourceFile): boolean {
  const { ts } = ctx;
  if (declaresTasks(ctx, source)) return false;
  const acts = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && !makesOnly(ctx, node)) return true;
    if (ts.isAwaitExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
    return ts.forEachChild(node, acts) === true;
  };
  return source.statements.some((statement) => {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) return false;
    return ts.isVariableStatement(statement) ? acts(statement) : true;
  });
}

/**
 * A call or `new` at a top level that only makes a value (its arguments judged apart): a container, a `.bind(…)`, a
 * library function known to only read (`Math.max`, `Object.freeze` of what it makes). Running it again in a worker
 * changes nothing the program sees.
 */
function makesOnly(ctx: AnalysisContext, node: ts.CallExpression | ts.NewExpression): boolean {
  const { ts } = ctx;
  const callee = node.expression;
  // (`new Set()`: the standard library's constructors that only make a fresh object of what they are given.)
  if (ts.isNewExpression(node)) return ts.isIdentifier(callee) && COPYING_CONSTRUCTORS.has(callee.text) && isLibraryGlobal(ctx, callee);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind' && isLibraryGlobal(ctx, callee)) return true;
  const name = isLibraryGlobal(ctx, callee) ? qualifiedName(ts, callee) : undefined;
  return name !== undefined && (isReadOnlyFunction(name) || name === 'Object.freeze');
}

/**
 * A property of the program's own with a symbol key (`[TAG] = 'boxed'`, `{ [SEEN]?: boolean }`): no file carries a
 * symbol key (runtime/store/refusals.ts), so what a worker makes or changes there would not come back (tester np31's
 * symkeys). Methods live on the class (`*[Symbol.iterator]()`) and travel with it. The first such property's name.
 */
export function symbolKeyedProperty(ctx: AnalysisContext, type: ts.Type): string | undefined {
  const { ts } = ctx;
  for (const t of type.isUnion() ? type.types : [type]) {
    if (!(t.flags & ts.TypeFlags.Object)) continue;
    for (const property of ctx.checker.getPropertiesOfType(t)) {
      if (!String(property.escapedName).startsWith('__@') || !(property.flags & ts.SymbolFlags.Property)) continue;
      const declaration = property.declarations?.find((d) => !d.getSourceFile().isDeclarationFile);
      const name = declaration && (declaration as ts.NamedDeclaration).name;
      if (name) return name.getText();
    }
  }
  return undefined;
}
