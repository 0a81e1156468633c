/**
 * The program's uses of properties of the global object (`globalThis.LEVEL`, `global.LEVEL`): each worker has a global
 * object of its own, so a property the program sets never reaches a task (task-state.ts: reads of what the program
 * sets), and one a task sets never reaches the program or another task's worker (sets of what others read). Filled by
 * module-state.ts's one scan of the program: its own code and, apart, tasks' bodies.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { isReference, isTransparent, isWriteTarget, skipTransparent } from '../rewrite/syntax';

export class GlobalObjectUses {
  private readonly programWrites = new Map<string, ts.Node>();
  /** Members of built-ins the program replaces, `Math.random`, `Array.prototype.sum`: where it first does. */
  private readonly patches = new Map<string, ts.Node>();
  private readonly programReads = new Map<string, ts.Node>();
  private readonly taskReads = new Map<string, ts.Node[]>();
  /** Tasks that set a property themselves, by name: a memo each keeps (`globalThis.memo ??= …`). */
  private readonly taskWriters = new Map<string, Set<ts.Node | undefined>>();

  constructor(private readonly ctx: AnalysisContext, private readonly taskOf: (node: ts.Node) => ts.Node | undefined) {}

  /** A node of the program's own code (outside tasks). */
  inProgram(node: ts.Node): void {
    const patched = this.ctx.ts.isPropertyAccessExpression(node) && isWriteTarget(this.ctx.ts, node) ? builtinMemberKey(this.ctx, node) : undefined;
    if (patched && !this.patches.has(patched)) this.patches.set(patched, node.parent);
    for (const key of this.ctx.ts.isCallExpression(node) ? definedBuiltinMembers(this.ctx, node) : []) if (!this.patches.has(key)) this.patches.set(key, node);
    for (const name of this.ctx.ts.isCallExpression(node) ? definedGlobals(this.ctx, node) : []) if (!this.programWrites.has(name)) this.programWrites.set(name, node);
    // (`APP_CONFIG = { … }` of a `declare global { var APP_CONFIG }`: the global object's property, by its bare name.)
    const bare = declaredGlobalVariable(this.ctx, node);
    if (bare && isWriteTarget(this.ctx.ts, bare) && !this.programWrites.has(bare.text)) this.programWrites.set(bare.text, bare.parent);
    const global = globalMember(this.ctx, node);
    if (!global) return;
    const name = global.name.text;
    if (isWriteTarget(this.ctx.ts, global)) { if (!this.programWrites.has(name)) this.programWrites.set(name, global.parent); }
    else if (!this.programReads.has(name)) this.programReads.set(name, global);
  }

  /** A node of a task's body. */
  inTask(node: ts.Node): void {
    const global = globalMember(this.ctx, node);
    if (!global) return;
    const name = global.name.text;
    if (!isWriteTarget(this.ctx.ts, global)) {
      const reads = this.taskReads.get(name);
      if (reads) reads.push(global); else this.taskReads.set(name, [global]);
    } else {
      const writers = this.taskWriters.get(name) ?? new Set();
      writers.add(this.taskOf(global));
      this.taskWriters.set(name, writers);
    }
  }

  /**
   * Where the program, outside tasks, replaced the built-in member this access reaches (`Math.random()`, `xs.sum()`
   * after `Array.prototype.sum = …`): each worker has built-ins of its own, which the program's change never reaches.
   */
  patchOf(access: ts.PropertyAccessExpression): ts.Node | undefined {
    if (this.patches.size === 0) return undefined;
    const { checker } = this.ctx;
    const direct = builtinMemberKey(this.ctx, access);
    if (direct) return this.patches.get(direct);
    // `xs.sum()`, `invoice.gross()`: a member of the built-in's (or the program's class's) prototype, reached through an
    // instance.
    const type = checker.getTypeAtLocation(access.expression);
    const symbol = checker.getApparentType(type).getSymbol();
    const owner = symbol && (programClassKey(this.ctx, symbol) ?? symbol.getName());
    const patch = owner ? this.patches.get(`${owner}.prototype.${access.name.text}`) : undefined;
    if (patch) return patch;
    // `(xs as any).total()`, `(xs as unknown as { total(): number }).total()`: a method called on a value whose type
    // names no owner may be the built-in the program patched (rev58's F13); a field read (`o.total` of a `{ total:
    // number }`, of a parsed JSON value) is not (rev59's F12).
    const { ts } = this.ctx;
    const called = ts.isCallExpression(access.parent) && access.parent.expression === access;
    const member = checker.getApparentType(type).getProperty(access.name.text);
    const unnamed = (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
      (symbol?.getName() === '__type' && member !== undefined && (member.flags & ts.SymbolFlags.Method) !== 0);
    return called && unnamed ? [...this.patches].find(([key]) => key.endsWith(`.prototype.${access.name.text}`))?.[1] : undefined;
  }

  /** Where the program, outside tasks, sets this property. */
  writeOf(name: string): ts.Node | undefined {
    return this.programWrites.get(name);
  }

  /**
   * Where the program, outside tasks, or another task than `writer` reads this property, which `writer`'s worker
   * cannot set for them. A task that sets it too keeps its own (a memo): only one reading what another set differs.
   */
  readOf(name: string, writer: ts.Node): ts.Node | undefined {
    const writers = this.taskWriters.get(name);
    return this.programReads.get(name) ??
      this.taskReads.get(name)?.find((read) => { const task = this.taskOf(read); return task !== writer && !writers?.has(task); });
  }
}

/** `globalThis.LEVEL`, `(globalThis as T).LEVEL`, `global.LEVEL`: a property of the global object, at its name. */
export function globalMember(ctx: AnalysisContext, node: ts.Node): ts.PropertyAccessExpression | undefined {
  const { ts } = ctx;
  if (!ts.isIdentifier(node) || (node.text !== 'globalThis' && node.text !== 'global') || !isReference(ts, node)) return undefined;
  const declared = symbolOf(ctx, node)?.valueDeclaration;
  if (declared && !declared.getSourceFile().isDeclarationFile) return undefined; // a variable of the program named so
  let outer: ts.Node = node;
  while (isTransparent(ts, outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === outer ? parent : undefined;
}

/**
 * `APP_CONFIG` declared by the program as a global (`declare global { var APP_CONFIG: … }`) and read by its bare name:
 * a property of the global object, as `globalThis.APP_CONFIG` is (np43's F10: the worker threw a ReferenceError).
 */
export function declaredGlobalVariable(ctx: AnalysisContext, node: ts.Node): ts.Identifier | undefined {
  const { ts } = ctx;
  // (By name first: the program and its libraries declare few such globals, and the checker is asked of none else.)
  if (!ts.isIdentifier(node) || !globalVariableNames(ctx).has(node.text) || !isReference(ts, node)) return undefined;
  const declaration = symbolOf(ctx, node)?.valueDeclaration;
  const statement = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  const block = statement?.parent;
  return block && ts.isModuleBlock(block) && (block.parent.flags & ts.NodeFlags.GlobalAugmentation) !== 0 ? node : undefined;
}

const globalNamesOf = new WeakMap<ts.Program, ReadonlySet<string>>();

/** The names `declare global { var … }` blocks declare, in every file of the program (its libraries' too). */
function globalVariableNames(ctx: AnalysisContext): ReadonlySet<string> {
  let names = globalNamesOf.get(ctx.program);
  if (names) return names;
  const { ts } = ctx;
  const found = new Set<string>();
  // (At a module's top level, or inside `declare module 'x' { global { … } }`.)
  const visit = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if (!ts.isModuleDeclaration(statement) || !statement.body || !ts.isModuleBlock(statement.body)) continue;
      if (!(statement.flags & ts.NodeFlags.GlobalAugmentation)) { visit(statement.body.statements); continue; }
      for (const inner of statement.body.statements) {
        if (!ts.isVariableStatement(inner)) continue;
        for (const d of inner.declarationList.declarations) if (ts.isIdentifier(d.name)) found.add(d.name.text);
      }
    }
  };
  for (const file of ctx.program.getSourceFiles()) visit(file.statements);
  names = found;
  globalNamesOf.set(ctx.program, names);
  return names;
}

/** `Object.defineProperty(globalThis, 'X', …)`, `Object.assign(globalThis, { X })`: the global object's properties set. */
function definedGlobals(ctx: AnalysisContext, call: ts.CallExpression): string[] {
  const { ts } = ctx;
  const callee = call.expression;
  const target = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object' || !target) return [];
  if (!ts.isIdentifier(target) || (target.text !== 'globalThis' && target.text !== 'global')) return [];
  // (A variable of the program named so is not the global object.)
  const declared = symbolOf(ctx, target)?.valueDeclaration;
  if (declared && !declared.getSourceFile().isDeclarationFile) return [];
  return definedNames(ctx, callee.name.text, call);
}

/**
 * `Math.random`, `Date.now`, `Array.prototype.sum`: a member of a built-in global the standard library declares (also
 * when the program augments its interface), as `Math.random` or `Array.prototype.sum`.
 */
export function builtinMemberKey(ctx: AnalysisContext, access: ts.PropertyAccessExpression): string | undefined {
  const owner = builtinOwnerKey(ctx, access.expression);
  return owner && `${owner}.${access.name.text}`;
}

/**
 * `Array.prototype`, `Math`: a built-in global, or its prototype, as a key; `Invoice.prototype` of a class the program
 * declares, by its file too (a mixin: np43's F13).
 */
function builtinOwnerKey(ctx: AnalysisContext, expr: ts.Expression): string | undefined {
  const { ts } = ctx;
  // (Through casts too: `(Array.prototype as any).total = …`, rev58's F13.)
  let owner = skipTransparent(ts, expr);
  let prototype = false;
  if (ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype') { owner = skipTransparent(ts, owner.expression); prototype = true; }
  if (!ts.isIdentifier(owner)) return undefined;
  const symbol = prototype ? symbolOf(ctx, owner) : undefined;
  const name = (symbol && programClassKey(ctx, symbol)) ?? (isBuiltinGlobal(ctx, owner) ? owner.text : undefined);
  return name && `${name}${prototype ? '.prototype' : ''}`;
}

/** A class declared in the program's own files, as a key naming its file. */
function programClassKey(ctx: AnalysisContext, symbol: ts.Symbol): string | undefined {
  const declaration = symbol.declarations?.find((d) => ctx.ts.isClassDeclaration(d) && !d.getSourceFile().isDeclarationFile);
  return declaration && `${declaration.getSourceFile().fileName}#${symbol.getName()}`;
}

/**
 * `Object.defineProperty(Array.prototype, 'total', …)`, `Object.defineProperties(…, { a: … })`,
 * `Object.assign(String.prototype, { titleCase() { … } })`: the built-in members the call adds or replaces, as keys
 * (np43's F4: a polyfill so made was no replacement, and the task failed in a worker that never loaded it).
 */
function definedBuiltinMembers(ctx: AnalysisContext, call: ts.CallExpression): string[] {
  const { ts } = ctx;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object' ||
    !isBuiltinGlobal(ctx, callee.expression) || call.arguments.length < 2) return [];
  const owner = builtinOwnerKey(ctx, call.arguments[0]);
  if (!owner) return [];
  // (A member the standard library has already, `if (!Array.prototype.at) Object.defineProperty(…, 'at', …)`, is a
  // polyfill for older engines, which every thread's built-in already is here: rev58's F12.)
  const target = ctx.checker.getTypeAtLocation(call.arguments[0]);
  const native = (name: string) => target.getProperty(name)?.declarations?.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile())) ?? false;
  return definedNames(ctx, callee.name.text, call).filter((name) => !native(name)).map((name) => `${owner}.${name}`);
}

/** The names `Object.<method>(target, …)` defines on its target: defineProperty's, defineProperties', assign's. */
function definedNames(ctx: AnalysisContext, method: string, call: ts.CallExpression): string[] {
  const { ts } = ctx;
  const namesOf = (literal: ts.Expression): string[] => ts.isObjectLiteralExpression(literal)
    ? literal.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])) : [];
  if (method === 'defineProperty' && call.arguments[1] && ts.isStringLiteralLike(call.arguments[1])) return [call.arguments[1].text];
  if (method === 'defineProperties' && call.arguments[1]) return namesOf(call.arguments[1]);
  if (method === 'assign') return call.arguments.slice(1).flatMap(namesOf);
  return [];
}

/** The name is a global of the standard library or of @types/node (`Math`, `Array`, `console`), not the program's own. */
function isBuiltinGlobal(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const declarations = symbolOf(ctx, id)?.declarations ?? [];
  return declarations.some((d) => d.getSourceFile().isDeclarationFile) &&
    declarations.every((d) => d.getSourceFile().isDeclarationFile || ctx.ts.isInterfaceDeclaration(d) || ctx.ts.isModuleBlock(d.parent));
}
