/**
 * Whether a member the checker resolves a call to may hold another function when the call runs: `exports.f = a; …
 * exports.f = b`, `const o = { m(p) {…} }` and elsewhere `o.m = writer`, `V.prototype.m = writer` or `v.m = writer` for
 * a class's method, `out.push = writer` for an array's built-in push (then `out.push(p)` runs the writer). The checker
 * names one declaration (often the first, the reader), so trusting it judged the call by a function that may not run:
 * p was inferred `in` while the writer writes it. Every place that resolves a member call to a function asks here
 * (callee-names.ts, fluent.ts, held-callbacks.ts, builtin-callees.ts, call-kinds.ts).
 *
 * A member keeps its function when it gets a value at most once in the analysed code: its declarations that give it a
 * value (a method with a body, a literal's property, a field's initializer, JavaScript's `o.m = …` declarations), and
 * every write of a member of that name whose target may be it: a plain or compound assignment, a destructuring target,
 * `delete`, `Object.defineProperty(o, 'm', …)`, `Reflect.set(o, 'm', …)`, `Object.assign(o, { m })`. A write counts
 * when the checker binds it to the same member, or cannot bind it at all (its object untyped: it may be any object).
 * A built-in's member (declared by the standard library) has no value in the program: any such write replaces it.
 * Writes by a computed key (`o[k] = v`, `Object.assign(o, src)`) count when the object's type has the member, is no
 * array (whose computed keys are indices) and the member is the program's. Into an untyped object (`t[k] = s[k]` of an
 * `extend(t, s)`) they count for a member of a literal or function whose variable is handed to a call as an argument;
 * not for a class instance's, nor a built-in's member (a documented limit: every instance goes somewhere, and every
 * object has a `toString`). Of a receiver nothing types, any write of the name counts but the CommonJS `exports.map =
 * map`.
 */
import type * as ts from 'typescript';
import { everyMention, symbolOf, type AnalysisContext } from './context';
import { isNullishLiteral, skipParens } from './expressions';
import { builtinName } from './builtin-callees';
import { isReadOnlyFunction } from './builtins';
import { isWriteTarget } from '../rewrite/syntax';
import { classOf, instanceTurnsUntyped, isUntypedObject } from './untyped-instances';
import { censusOf } from './syntax-census';

/** A write of a member: `node` names it (a property access, a key, a call defining it), `target` is its object. */
interface MemberWrite { readonly node: ts.Node; readonly target: ts.Expression; readonly key?: ts.Node }

/** Per file (syntax only, so shared by every program that reads the file): writes by member name, and by any key. */
interface FileWrites { readonly named: Map<string, MemberWrite[]>; readonly anyKey: MemberWrite[] }

const fileWrites = new WeakMap<ts.SourceFile, FileWrites>();
/** Per checker (one program) and member: whether it may be replaced. */
const judged = new WeakMap<ts.TypeChecker, Map<ts.Symbol, boolean>>();
/** Per program: member names written anywhere (for receivers nothing types). */
const namesWritten = new WeakMap<ts.Program, Set<string>>();

/** The member `callee` (`recv.m`, `recv['m']`) names may hold another function than the one declared. */
export function isReplacedCallee(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const { ts } = ctx;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name
    : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression) ? callee.argumentExpression : undefined;
  const member = name && ctx.checker.getSymbolAtLocation(name);
  return member !== undefined && isReplacedMember(ctx, member);
}

/** The member (a property, method or export symbol) may hold another value than its one declared function. */
export function isReplacedMember(ctx: AnalysisContext, member: ts.Symbol): boolean {
  member = rootOf(ctx, member);
  let memo = judged.get(ctx.checker);
  if (!memo) { memo = new Map(); judged.set(ctx.checker, memo); }
  let known = memo.get(member);
  if (known === undefined) { known = countValues(ctx, member) > 1; memo.set(member, known); }
  return known;
}

/**
 * Some write in the analysed code names a member `name`, whatever its object: a call of that name on a receiver nothing
 * types (trusted by the method's name as the standard library's) may run the function written there.
 */
export function isNameWritten(ctx: AnalysisContext, name: string): boolean {
  let names = namesWritten.get(ctx.program);
  if (!names) {
    names = new Set();
    for (const file of ctx.program.getSourceFiles()) {
      if (file.isDeclarationFile) continue;
      for (const [key, list] of writesOf(ctx, file).named) if (list.some((w) => !isExportsObject(ctx.ts, w.target))) names.add(key);
    }
    namesWritten.set(ctx.program, names);
  }
  return names.has(name);
}

/**
 * The member itself, not the copy an instantiated type makes of it (`any[]`'s `push` is a new symbol at each access):
 * what two accesses of one member have in common.
 */
function rootOf(ctx: AnalysisContext, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ctx.ts.SymbolFlags.Transient ? ctx.checker.getRootSymbols(symbol)[0] ?? symbol : symbol;
}

/**
 * The values the analysed code assigns to members named `name` (`Hash.prototype.has = hashHas`), but those of a
 * CommonJS module's own exports; undefined when one is written otherwise (a `delete`, a compound assignment, a
 * destructuring, `Object.defineProperty`), whose value is not followed.
 */
export function valuesWritten(ctx: AnalysisContext, name: string): ts.Expression[] | undefined {
  const { ts } = ctx;
  const values: ts.Expression[] = [];
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    for (const write of writesOf(ctx, file).named.get(name) ?? []) {
      if (isExportsObject(ts, write.target)) continue;
      const assignment = write.node.parent;
      if (!ts.isBinaryExpression(assignment) || assignment.left !== write.node || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
      values.push(assignment.right);
    }
  }
  return values;
}

/** How many values the member may get (2 is enough to say it may be replaced). */
function countValues(ctx: AnalysisContext, member: ts.Symbol): number {
  const declarations = member.declarations ?? [];
  const builtin = declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile);
  // (A built-in's value is the standard library's: any write in the program is a second one.)
  let count = builtin ? 1 : declarations.filter((d) => givesValue(ctx, d)).length;
  if (count > 1) return count;
  const name = member.getName();
  const own = new Set<ts.Node>(declarations);
  const writes = programWritesOf(ctx);
  for (const write of writes.named.get(name) ?? []) {
    if (own.has(write.node) || own.has(write.node.parent)) continue; // (a declaration counted above)
    if (mayWrite(ctx, write, member, name, true) && ++count > 1) return count;
  }
  // (A built-in's member by a computed key, `o[k] = v` with k 'push': not followed, or every object's `toString`,
  // which every typed object has, would be unknown after any such write.)
  if (!builtin) for (const write of writes.anyKey) if (mayWrite(ctx, write, member, name, false) && ++count > 1) return count;
  // (`extend(o, { m: writer })` copying by `t[k] = s[k]` into an untyped `t`: see handedToCode.)
  if (!builtin && count > 0 && handedToCode(ctx, member) && writesByKeyUntyped(ctx)) count++;
  // (`const o: any = w; o[name] = writer`: an instance of the class let into an untyped object: untyped-instances.ts.)
  else if (!builtin && count > 0 && classOf(ctx, member) && (writesByKeyUntyped(ctx) || writesNameIntoIndexed(ctx, name)) &&
    instanceTurnsUntyped(ctx, member)) count++;
  return count;
}

/**
 * The member belongs to an object literal or a function held by a variable (`var o = { m: … }`, `api.m = …`) that its
 * file hands to a call as an argument (`extend(o, src)`): a write there by a computed key into an untyped object
 * (`t[k] = s[k]`) may be of it. (Its own members run with it as `this`, `o.m.bind(o)`, and a built-in that only reads,
 * `Object.keys(o)`, hand it to nothing that writes.) Instances of classes are not followed (a documented limit: every
 * instance goes somewhere).
 */
function handedToCode(ctx: AnalysisContext, member: ts.Symbol): boolean {
  const { ts } = ctx;
  for (const d of member.declarations ?? []) {
    const owner = ownerName(ts, d);
    const symbol = owner && symbolOf(ctx, owner);
    const declaration = symbol?.valueDeclaration;
    const name = declaration && ts.getNameOfDeclaration(declaration);
    if (!symbol || !declaration || !name || declaration.getSourceFile().isDeclarationFile) continue;
    if (!everyMention(ctx, symbol, declaration.getSourceFile(), name, (id) => !passedAsArgument(ctx, id))) return true;
  }
  return false;
}

/** The variable an object literal's member or a JavaScript member assignment (`api.m = …`) belongs to. */
function ownerName(t: typeof ts, d: ts.Declaration): ts.Identifier | undefined {
  if ((t.isPropertyAssignment(d) || t.isMethodDeclaration(d) || t.isShorthandPropertyAssignment(d)) && t.isObjectLiteralExpression(d.parent)) {
    const holder = d.parent.parent;
    return t.isVariableDeclaration(holder) && t.isIdentifier(holder.name) ? holder.name : undefined;
  }
  const access = t.isBinaryExpression(d) ? d.left : d;
  return (t.isPropertyAccessExpression(access) || t.isElementAccessExpression(access)) && t.isIdentifier(access.expression) ? access.expression : undefined;
}

function passedAsArgument(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(node as ts.Expression)) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && ['bind', 'call', 'apply'].includes(callee.name.text) && call.arguments[0] === node) return false;
  const builtin = builtinName(ctx, callee);
  return !(builtin !== undefined && isReadOnlyFunction(builtin));
}

const untypedKeyWrites = new WeakMap<ts.Program, boolean>();

/** Some write by a computed key (not a number) goes into an object nothing types (`t[k] = s[k]`). */
function writesByKeyUntyped(ctx: AnalysisContext): boolean {
  let known = untypedKeyWrites.get(ctx.program);
  if (known === undefined) {
    known = ctx.program.getSourceFiles().some((file) => !file.isDeclarationFile && writesOf(ctx, file).anyKey.some((w) => {
      const type = ctx.checker.getTypeAtLocation(w.target);
      return isUntypedObject(ctx, type) && !(w.key && isNumberKey(ctx, w.key));
    }));
    untypedKeyWrites.set(ctx.program, known);
  }
  return known;
}

/** Some write names `name` on an object typed only by an index of anything (`rec['m'] = f` of a `Record<string, any>`). */
function writesNameIntoIndexed(ctx: AnalysisContext, name: string): boolean {
  return ctx.program.getSourceFiles().some((file) => !file.isDeclarationFile && (writesOf(ctx, file).named.get(name) ?? []).some((w) =>
    isUntypedObject(ctx, ctx.checker.getTypeAtLocation(w.target))));
}

/** A declaration that gives the member a value (not a signature, an overload, a field declared without one). */
function givesValue(ctx: AnalysisContext, d: ts.Declaration): boolean {
  const { ts } = ctx;
  if (d.getSourceFile().isDeclarationFile) return false;
  if (ts.isMethodDeclaration(d) || ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d)) return d.body !== undefined;
  if (ts.isPropertyDeclaration(d)) return d.initializer !== undefined;
  if (ts.isPropertySignature(d) || ts.isMethodSignature(d) || ts.isFunctionDeclaration(d) && !d.body) return false;
  // `exports.f = void 0` (TypeScript's CommonJS emit, before `exports.f = f`): nothing a call could run, calling it throws.
  if (assignsNothing(ts, d)) return false;
  return true; // a literal's property, a JavaScript assignment, `Object.defineProperty`, a function or variable export
}

/** The declaration is the target of `= void 0` / `= undefined` / `= null`, maybe in a chain (`exports.a = exports.b = void 0`). */
function assignsNothing(t: typeof ts, d: ts.Node): boolean {
  const at = t.isBinaryExpression(d) ? d : d.parent && t.isBinaryExpression(d.parent) && d.parent.left === d ? d.parent : undefined;
  if (!at || at.operatorToken.kind !== t.SyntaxKind.EqualsToken) return false;
  let value = skipParens(t, at.right);
  while (t.isBinaryExpression(value) && value.operatorToken.kind === t.SyntaxKind.EqualsToken) value = skipParens(t, value.right);
  return isNullishLiteral(t, value);
}

/** The write may be of this member: bound to it by the checker, or to nothing (`named`), or by key into its type. */
function mayWrite(ctx: AnalysisContext, write: MemberWrite, member: ts.Symbol, name: string, named: boolean): boolean {
  const { ts, checker } = ctx;
  // (`out[i] = x`: a number names an element, never a member a call is resolved to.)
  if (!named && write.key && isNumberKey(ctx, write.key)) return false;
  if (named && write.key) {
    const bound = checker.getSymbolAtLocation(write.key);
    if (bound) return rootOf(ctx, bound) === member;
  }
  const type = checker.getTypeAtLocation(write.target);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return named;
  // (`sorted[i] = v` with `i` untyped: into an array a computed key is an index, not the name of its methods.)
  if (!named && (checker.isArrayType(type) || checker.isTupleType(type) || checker.getIndexInfoOfType(type, ts.IndexKind.Number))) return false;
  const property = checker.getApparentType(type).getProperty(name);
  return property !== undefined && rootOf(ctx, property) === member;
}

function isNumberKey(ctx: AnalysisContext, key: ts.Node): boolean {
  const type = ctx.checker.getTypeAtLocation(key);
  return (type.flags & ctx.ts.TypeFlags.NumberLike) !== 0 || (type.isUnion() && type.types.every((t) => (t.flags & ctx.ts.TypeFlags.NumberLike) !== 0));
}

/**
 * `exports` or `module.exports`: a CommonJS module's own object (`exports.map = map`), which no call passes as an
 * untyped receiver of a method of that name.
 */
function isExportsObject(t: typeof ts, e: ts.Expression): boolean {
  while (t.isParenthesizedExpression(e)) e = e.expression;
  if (t.isIdentifier(e)) return e.text === 'exports';
  return t.isPropertyAccessExpression(e) && e.name.text === 'exports' && t.isIdentifier(e.expression) && e.expression.text === 'module';
}

const DEFINING = new Set(['Object.defineProperty', 'Reflect.defineProperty', 'Reflect.set']);

const programWrites = new WeakMap<ts.Program, FileWrites>();

/**
 * The member writes of all the program's analysed files, by name and by any key (in file order): countValues asks for
 * each member a call resolves to, and walking every file's index (the standard library's files among them) for each
 * was most of its cost. Only the count matters, not the order writes are met in.
 */
function programWritesOf(ctx: AnalysisContext): FileWrites {
  let known = programWrites.get(ctx.program);
  if (known) return known;
  const named = new Map<string, MemberWrite[]>();
  const anyKey: MemberWrite[] = [];
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    const writes = writesOf(ctx, file);
    for (const [name, list] of writes.named) {
      const all = named.get(name);
      if (all) all.push(...list); else named.set(name, [...list]);
    }
    anyKey.push(...writes.anyKey);
  }
  known = { named, anyKey };
  programWrites.set(ctx.program, known);
  return known;
}

/** The file's member writes, from its nodes in source order (syntax-census.ts). */
function writesOf(ctx: AnalysisContext, file: ts.SourceFile): FileWrites {
  const t = ctx.ts;
  let known = fileWrites.get(file);
  if (known) return known;
  const named = new Map<string, MemberWrite[]>();
  const anyKey: MemberWrite[] = [];
  const add = (name: string, write: MemberWrite): void => {
    const list = named.get(name);
    if (list) list.push(write); else named.set(name, [write]);
  };
  for (const node of censusOf(ctx, file).nodes) {
    // (`exports.f = void 0`, `o.m = null`: no function a call could run, calling it throws.)
    if ((t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) && isWriteTarget(t, node) && !assignsNothing(t, node)) {
      if (t.isPropertyAccessExpression(node)) add(node.name.text, { node, target: node.expression, key: node.name });
      else if (t.isStringLiteralLike(node.argumentExpression) || t.isNumericLiteral(node.argumentExpression)) {
        add(node.argumentExpression.text, { node, target: node.expression, key: node.argumentExpression });
      } else anyKey.push({ node, target: node.expression, key: node.argumentExpression });
    } else if (t.isCallExpression(node) && node.arguments.length >= 2) {
      const callee = node.expression;
      const qualified = t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : '';
      const [target, second] = node.arguments;
      if (DEFINING.has(qualified)) {
        if (t.isStringLiteralLike(second)) add(second.text, { node, target });
        else anyKey.push({ node, target });
      } else if (qualified === 'Object.assign' || qualified === 'Object.defineProperties') {
        for (const source of node.arguments.slice(1)) {
          if (!t.isObjectLiteralExpression(source)) { anyKey.push({ node, target }); continue; }
          for (const p of source.properties) {
            if (p.name && (t.isIdentifier(p.name) || t.isStringLiteralLike(p.name))) add(p.name.text, { node, target });
            else anyKey.push({ node, target });
          }
        }
      }
    }
  }
  known = { named, anyKey };
  fileWrites.set(file, known);
  return known;
}
