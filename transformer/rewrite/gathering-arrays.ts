/**
 * Arrays that gather Futures (`parts.push(task(x))`, `parts[i] = task(x)`): a plain array of this file, seen under
 * no other name, whose every use keeps its elements in view (an element read, a push, its length, an iteration, a
 * task argument that takes Futures), so that each element's value is waited for where it is used (futures.ts).
 * Typed arrays would turn a Future into NaN at once, and an array seen under another name could be read without a
 * wait.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, isTypedArrayType, qualifiedName, symbolOf } from '../analysis/context';
import { nestOf } from './gathering-nests';
import { usedUpByCallee } from './helper-arguments';
import { bindsPlainly } from './loop-headers';
import type { FileFacts } from './file-facts';
import type { AliasGroups } from './aliases';
import { isArgumentOf, isAssignedTo, isDeclarationName, isWriteTarget, skipTransparent, withWrappers } from './syntax';
import { isPrint } from './only-reads';
import { isReadingStringify } from './json-reads';
import { isLibrary } from './library-uses';
import { isFresh, isMadeConst } from './fresh';

/**
 * The array is given a task's value (`row.push(make(4))`, `parts[i] = task(x)`): its elements are followed as
 * Futures gathered (or a container's blocks), not as parts of another object it is put in (aliases.ts storedInto).
 */
export function gathersTaskValues(facts: FileFacts, symbol: ts.Symbol): boolean {
  const { ts } = facts;
  const isTaskValue = (e: ts.Expression | undefined) => {
    const value = e && skipTransparent(ts, e);
    return value !== undefined && ts.isCallExpression(value) && facts.taskOf(value) !== undefined;
  };
  return facts.references(symbol).some((ref) => {
    const parent = withWrappers(ts, ref).parent;
    if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      return parent.parent.arguments.some((arg) => isTaskValue(arg));
    }
    if (!ts.isElementAccessExpression(parent)) return false;
    const assigned = withWrappers(ts, parent).parent;
    return ts.isBinaryExpression(assigned) && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      withWrappers(ts, parent) === assigned.left && isTaskValue(assigned.right);
  });
}

/** The array `id` names can hold Futures until its elements are needed (see above). */
export function canGather(facts: FileFacts, aliases: AliasGroups, id: ts.Identifier, isFuture: (symbol: ts.Symbol) => boolean, intoNests = false): boolean {
  const { ts, ctx } = facts;
  const symbol = symbolOf(ctx, id);
  if (!symbol) return false;
  // Names rebound to one another (`let level = partial; …; level = next`) gather as one: each must be able to.
  const group = arrayNames(facts, aliases, symbol, isFuture);
  // A parameter's array may start a name of the group (`let level = parts` in `function reduce(parts)`) if nothing
  // stores into the caller's object: the parameter and every name that may hold its object only read elements, so
  // Futures go only into arrays the function made (`const next = []`), and the caller's array never holds one.
  const borrowed = group.map((member) => borrowedBy(facts, member)).filter((param) => param !== undefined);
  const startsMember = (ref: ts.Identifier): boolean => {
    const declaration = withWrappers(ts, ref).parent;
    const name = ts.isVariableDeclaration(declaration) ? symbolOf(ctx, declaration.name) : undefined;
    return name !== undefined && group.includes(name);
  };
  if (borrowed.some((param) => !facts.references(param).every((ref) => isDeclarationName(ts, ref) || readsElements(facts, ref) || startsMember(ref)))) return false;
  return group.every((member) => {
    if (borrowed.length > 0 && !isMadeConst(ctx, member) &&
      !facts.references(member).every((ref) => isDeclarationName(ts, ref) || readsElements(facts, ref) || movesWithin(facts, aliases, ref, group))) return false;
    const name = member.valueDeclaration && ts.getNameOfDeclaration(member.valueDeclaration);
    if (!name || !ts.isIdentifier(name) || !facts.isFileLocal(name)) return false;
    if (isGatheringRecord(facts, member)) {
      // (A record's slots are its keys: only `rows[k]` and a print of the whole keep them in view.)
      return facts.references(member).every((ref) => isDeclarationName(ts, ref) || isRecordUse(facts, ref));
    }
    if (!ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(name))) return false;
    if (isFuture(member)) return false; // an array a task returned: its value must be here before it can gather
    if (!ts.isVariableDeclaration(member.valueDeclaration!) || !madeHere(facts, member.valueDeclaration, group)) return false;
    // (Only the array gathering may go to a helper whole: another name of its group, `ps` in `out.push(pickBig(ps))`,
    // is there for what its elements' values may hold, and a helper's wait on it would gain nothing.)
    // (With `intoNests`, the array may be pushed whole into an array of rows: gathering-nests.ts. Not a value that may
    // hold the caller's objects, which an element handed to a task must be known by: futures.ts heldInside.)
    return facts.references(member).every((ref) => isDeclarationName(ts, ref) || isElementUse(facts, ref, member === symbol) || movesWithin(facts, aliases, ref, group) ||
      (intoNests && nestOf(facts, ref) !== undefined));
  });
}

/**
 * `let level = parts`, `parts` a plain array parameter of a function of this file (not a rest parameter): the
 * parameter whose array the name starts with (else undefined).
 */
function borrowedBy(facts: FileFacts, member: ts.Symbol): ts.Symbol | undefined {
  const { ts, ctx } = facts;
  const declaration = member.valueDeclaration;
  const value = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && skipTransparent(ts, declaration.initializer);
  const param = value && ts.isIdentifier(value) ? symbolOf(ctx, value) : undefined;
  const source = param?.valueDeclaration;
  return source && ts.isParameter(source) && !source.dotDotDotToken && ts.isIdentifier(source.name) && source.getSourceFile() === facts.source &&
    ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(source.name)) ? param : undefined;
}

/**
 * A use that reads the array's elements and stores nothing into it: `xs[i]` read, `xs.length`, `xs.join()`, an
 * iteration, a spread, a print, a task argument (no method taking a callback, which is handed the array itself).
 */
function readsElements(facts: FileFacts, ref: ts.Identifier): boolean {
  const { ts } = facts;
  const parent = ref.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === ref) return !isWriteTarget(ts, withWrappers(ts, parent));
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) {
    const called = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
    return (parent.name.text === 'length' && !isWriteTarget(ts, withWrappers(ts, parent))) || (parent.name.text === 'join' && called);
  }
  return isElementUse(facts, ref);
}

/**
 * The names of the array's object: its alias group, less the task values pushed into it (`const r = make(i);
 * out.push(r)` puts r in out's group as a value out holds, not as another name of the array; r's own uses wait for
 * it as any Future's do). np59's min-serial-push-local waited for r at the push, so the loop ran one task at a time.
 * A `const` holding a task call's value is one too where a split loop gave it the value (`const counts =
 * countWords(t); partials.push(counts)`): a worker's value holds no Future, so the array may gather others later.
 * A typed array is never another name of an array, however it joined the group (`runs.push(run)` of a filled
 * `const run = new Float64Array(n)`, `const all = level[0]`): it is an element, and holds only numbers.
 */
export function arrayNames(facts: FileFacts, aliases: AliasGroups, symbol: ts.Symbol, isFuture: (symbol: ts.Symbol) => boolean): ts.Symbol[] {
  const { ts } = facts;
  const group = aliases.groupOf(symbol);
  const pushedInto = (ref: ts.Identifier): boolean => {
    const into = pushTarget(ts, ref);
    const array = into && symbolOf(facts.ctx, into);
    return array !== undefined && array !== symbolOf(facts.ctx, ref) && group.includes(array);
  };
  const taskValue = (member: ts.Symbol): boolean => {
    const declaration = member.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
    const value = skipTransparent(ts, declaration.initializer);
    return ts.isCallExpression(value) && facts.taskOf(value) !== undefined;
  };
  const typedArray = (member: ts.Symbol): boolean => member.valueDeclaration !== undefined &&
    isTypedArrayType(facts.ctx, facts.ctx.checker.getTypeOfSymbolAtLocation(member, member.valueDeclaration));
  // (Not a name of an element, `const total = level[0]` after a reduction (np72's min-merge-tree), `for (const x of
  // level)`, `groups.get(k)`: aliases.ts isElementPart. It holds what the slot held, waited for where it is used.)
  return group.filter((member) => member === symbol ||
    !(aliases.isElementPart(member) || typedArray(member) || ((isFuture(member) || taskValue(member)) && facts.references(member).some(pushedInto))));
}

/** `arr.push(value)` as a statement of its own, `value` its one argument: the array's name (else undefined). */
export function pushTarget(t: typeof ts, value: ts.Node): ts.Identifier | undefined {
  const call = value.parent;
  if (!t.isCallExpression(call) || call.arguments.length !== 1 || call.arguments[0] !== value || !t.isExpressionStatement(call.parent) ||
    !t.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'push' || !t.isIdentifier(call.expression.expression)) return undefined;
  return call.expression.expression;
}

/**
 * The array's own object, made where it is declared (`[]`, `new Array(n)`, `xs.map((x) => task(x))`) or taken from
 * another name of its group (`let level = partial`): not an element of another array (`for (const g of groups)`,
 * `const row = grid[1]`), whose Futures a read through that array would get unresolved (np51's F1: `groups[0][2]`
 * printed `[object taskify.Future]`).
 */
function madeHere(facts: FileFacts, declaration: ts.VariableDeclaration, group: readonly ts.Symbol[]): boolean {
  const { ts } = facts;
  if (ts.isForOfStatement(declaration.parent.parent) || ts.isForInStatement(declaration.parent.parent)) return false;
  const value = declaration.initializer && skipTransparent(ts, declaration.initializer);
  if (!value) return true;
  if (isFresh(facts.ctx, value) || (ts.isCallExpression(value) && mapCallOfCallback(facts, value))) return true;
  const source = ts.isIdentifier(value) ? symbolOf(facts.ctx, value) : undefined;
  const own = symbolOf(facts.ctx, declaration.name);
  return source !== undefined && (group.includes(source) || (own !== undefined && borrowedBy(facts, own) === source));
}

/**
 * `level = next`, `let level = partial`: the array only passes to (or takes) another name of its group; or it takes
 * a new array (`out = docs.map(…)`, `out = []`), whose elements are waited for where they are used as any others.
 */
function movesWithin(facts: FileFacts, aliases: AliasGroups, ref: ts.Identifier, group: readonly ts.Symbol[]): boolean {
  const { ts } = facts;
  if (aliases.isAliasSource(ref)) return true;
  const parent = ref.parent;
  if (!isAssignedTo(ts, ref) || !ts.isBinaryExpression(parent)) return false;
  const value = skipTransparent(ts, parent.right);
  if (parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isExpressionStatement(parent.parent) &&
    (ts.isArrayLiteralExpression(value) || (ts.isCallExpression(value) && mapCallOfCallback(facts, value)))) return true;
  const source = ts.isIdentifier(value) ? symbolOf(facts.ctx, value) : undefined;
  return source !== undefined && group.includes(source);
}

/**
 * `const rows: Record<number, number> = {}`, gathering `rows[n] = slow(n)` (tester #25's r32 waited at every call): a
 * `const` made an empty object literal, typed by an index signature alone (a dictionary, no named fields), whose
 * whole-value uses walk its fields (waitFields) as an array's walk its elements.
 */
export function isGatheringRecord(facts: FileFacts, symbol: ts.Symbol): boolean {
  const { ts, ctx } = facts;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  const init = skipTransparent(ts, declaration.initializer);
  if (!ts.isObjectLiteralExpression(init) || init.properties.length > 0) return false;
  const type = ctx.checker.getTypeAtLocation(declaration.name);
  return ctx.checker.getIndexInfosOfType(type).length > 0 && ctx.checker.getPropertiesOfType(type).length === 0;
}

function isRecordUse(facts: FileFacts, ref: ts.Identifier): boolean {
  const { ts } = facts;
  const parent = ref.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === ref) return true;
  const outer = withWrappers(ts, ref);
  const call = outer.parent;
  // `for (const k in out)`, `'p1' in out`: its keys only, which a Future in a slot does not change (np73's
  // min-record-forin-serial); each `out[k]` read inside waits for its own slot.
  if ((ts.isForInStatement(call) && call.expression === outer) ||
    (ts.isBinaryExpression(call) && call.operatorToken.kind === ts.SyntaxKind.InKeyword && call.right === outer)) return true;
  // `Object.entries(out)` after the loops that fill it (np71's min-record-nested): every field waited for there.
  if (ts.isCallExpression(call) && call.arguments.length === 1 && call.arguments[0] === outer && RECORD_READERS.has(qualifiedName(ts, call.expression) ?? '')) {
    return isLibraryGlobal(facts.ctx, (call.expression as ts.PropertyAccessExpression).expression);
  }
  return printedWhole(facts, call, outer);
}
/** The language's readers of a record's own fields, taking it whole. */
const RECORD_READERS = new Set(['Object.entries', 'Object.values', 'Object.keys']);

/**
 * An array's members that read it where they are called: the whole array waited for there (`waitAll(rs).indexOf(top)`,
 * its Futures replaced by their values in place, so a value taken out before is found by identity: np64's r04), or
 * growing it. Not those that reorder or change it (`sort`, `splice`, `fill`) nor iterators read later (`values()`).
 */
const ELEMENT_USES = new Set(['push', 'length', 'map', 'forEach', 'join', 'reduce', 'reduceRight', 'indexOf', 'lastIndexOf', 'includes',
  'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'filter', 'slice', 'concat', 'at', 'flatMap']);

/**
 * Uses of an array of Futures that keep it in view: element access, push, length, iteration, map/forEach, a spread, a
 * task argument, a print; with `toHelpers`, a helper's argument that the helper is done with when it returns.
 */
function isElementUse(facts: FileFacts, ref: ts.Identifier, toHelpers = false): boolean {
  const { ts } = facts;
  const parent = ref.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === ref) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) return ELEMENT_USES.has(parent.name.text);
  if (ts.isForOfStatement(parent) && parent.expression === ref) return true;
  // `Math.max(...deltas)`, `[...parts, x]`: the whole array, each value waited for there (future-waits.ts waitAll).
  if (ts.isSpreadElement(parent) && parent.expression === ref) return true;
  // `const [all] = level` after a reduction: the array whole, waited for there (future-waits.ts keptUnderName;
  // np72's min-ternary-push ran its combines one at a time).
  const outer = withWrappers(ts, ref);
  const call = outer.parent;
  if (ts.isVariableDeclaration(call) && call.initializer === outer && ts.isArrayBindingPattern(call.name)) return true;
  // (`console.log(parts)`, `JSON.stringify(parts)`: the whole array, each value waited for there: future-waits.ts waitAll.)
  if (printedWhole(facts, call, outer)) return true;
  if (isArgumentOf(ts, call, ref)) {
    // (A task only reading the array: one writing it, `reorder(level)`, changes which element sits where, and the
    // program would go on reading the array before the task wrote it back: rv68's c11.)
    const task = facts.taskOf(call);
    if (task === undefined) return toHelpers && usedUpByCallee(facts, call, outer);
    const index = Math.min(call.arguments.indexOf(outer), task.params.length - 1);
    return task.params[index]?.direction === 'in' && facts.forwarders.takesFutureAt(call, ref);
  }
  return false;
}

/**
 * The array is used up where it stands by code that only reads it: a print, a JSON.stringify that only reads,
 * or the language's copy into a collection (`new Map(pairs)`, `new Set(xs)`, `Object.fromEntries(pairs)`); or it is
 * the function's value (`return this.streams.map((s) => estimate(s, n))`): every call is made by then, and the
 * caller gets the values (tester np35's q50: each call waited for its task before the next was made).
 */
export function usedUpByReader(facts: FileFacts, array: ts.Expression): boolean {
  const { ts, ctx } = facts;
  const outer = withWrappers(ts, array);
  const call = outer.parent;
  if ((ts.isReturnStatement(call) && call.expression === outer) || (ts.isArrowFunction(call) && call.body === outer)) return true;
  if (ts.isNewExpression(call)) {
    return call.arguments?.length === 1 && call.arguments[0] === outer && ts.isIdentifier(call.expression) &&
      COPYING_COLLECTIONS.has(call.expression.text) && isLibraryGlobal(ctx, call.expression);
  }
  // `docs.map((d) => count(d)).reduce(…)`: a method of the new array, called once every element is there (np22's r19).
  if (ts.isPropertyAccessExpression(call) && call.expression === outer && !call.questionDotToken && ts.isCallExpression(call.parent) &&
    call.parent.expression === call) return isLibrary(ctx, call);
  // `Object.fromEntries(…)`, and `Promise.all(xs.map((k) => total(get(k))))`: the combinator takes every element as it
  // is called, as the plain map had made its calls one by one before it (np67's min-map-arg-call, p35's allSettled).
  if (ts.isCallExpression(call) && call.arguments[0] === outer && WHOLE_READERS.has(qualifiedName(ts, call.expression) ?? '')) {
    return isLibraryGlobal(ctx, (call.expression as ts.PropertyAccessExpression).expression);
  }
  return printedWhole(facts, call, outer);
}

/** `console.log(parts)`, `JSON.stringify(parts)` (one that only reads): the array is an argument of a reader. */
function printedWhole(facts: FileFacts, call: ts.Node, outer: ts.Expression): boolean {
  return facts.ts.isCallExpression(call) && call.arguments.includes(outer) && (isPrint(facts.ts, call) || isReadingStringify(facts, call));
}
const COPYING_COLLECTIONS = new Set(['Map', 'Set']);
const WHOLE_READERS = new Set(['Object.fromEntries', 'Promise.all', 'Promise.allSettled', 'Promise.any', 'Promise.race']);

/**
 * `xs.map((x) => [x.id, task(x)])`, `xs.map((x) => ({ id: x.id, v: task(x) }))`: the call is an element of the array
 * literal, or a field's value in the object literal, the callback returns; the map then gathers pairs or records
 * holding Futures, which only a walk of the whole (waitAll, waitFields) may wait for.
 */
export function mapCallAround(facts: FileFacts, node: ts.Node): { map: ts.CallExpression; inRecord: boolean } | undefined {
  const { ts } = facts;
  const parent = node.parent;
  const literal = ts.isArrayLiteralExpression(parent) ? parent
    : ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent) ? parent.parent : undefined;
  const map = literal && mapCallOf(facts, withWrappers(ts, literal));
  return map && { map, inRecord: ts.isObjectLiteralExpression(literal) };
}

/**
 * `xs.map(x => call)`, `xs.map(x => { return call; })` or `Array.from(xs, x => call)`, where `node` is the callback's
 * result: the call builds an array of the callback's results, which may gather Futures.
 */
export function mapCallOf(facts: FileFacts, node: ts.Node): ts.CallExpression | undefined {
  const { ts } = facts;
  let fn: ts.Node = node.parent;
  // (`{ const [lo, hi] = stats[i]; return bins(xs, lo, hi) }`: constants the callback computes first, in the plain
  // order, as each call of the callback runs: tester #18's F2.)
  if (ts.isReturnStatement(fn) && ts.isBlock(fn.parent) && fn.parent.statements[fn.parent.statements.length - 1] === fn &&
    fn.parent.statements.slice(0, -1).every((s) => bindsConstantsPlainly(facts, s))) fn = fn.parent.parent;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  if (ts.isArrowFunction(fn) && fn.body !== node && !ts.isBlock(fn.body)) return undefined;
  // (An async callback's result is a promise of the task's value, settled at the call in plain code: handed the
  // Future, it settles later, by adopting it, and a concurrent chain of awaits sees more steps first; my asyncmap.)
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
  const call = fn.parent;
  // (The language's arrays' map: a program's `Stream.map(f)` may run f later, or never: np22's 45-java-streams.)
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'map' && call.arguments[0] === fn) {
    const type = facts.ctx.checker.getTypeAtLocation(call.expression.expression);
    return (facts.ctx.checker.isArrayType(type) || facts.ctx.checker.isTupleType(type)) && isLibrary(facts.ctx, call.expression) ? call : undefined;
  }
  // Array.from({ length: n }, (_, i) => task(i)): a new array of the callback's results, like map.
  if (ts.isCallExpression(call) && qualifiedName(ts, call.expression) === 'Array.from' && call.arguments[1] === fn) return call;
  return undefined;
}

/**
 * `grid.map((row) => row.map((c) => work(c)))`: an inner map is each element the outer one makes. Waited for as its
 * callback returns, the rows would run one after another (tester np42's P1); the whole, waited for where the
 * outermost map stands, is the same nested array of values once every call is submitted. Only a callback whose
 * body is the inner map: nothing else of the program runs between the calls.
 */
export function outermostMap(facts: FileFacts, map: ts.CallExpression): ts.CallExpression {
  const { ts } = facts;
  const body = withWrappers(ts, map);
  const callback = body.parent;
  const outer = ts.isArrowFunction(callback) && callback.body === body ? mapCallOf(facts, body) : undefined;
  return outer ? outermostMap(facts, outer) : map;
}

/** `xs.map((x) => …)` or `Array.from(xs, (x) => …)`: a new array of a callback's results. */
function mapCallOfCallback(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && call.arguments.length >= 1) {
    const type = facts.ctx.checker.getTypeAtLocation(callee.expression);
    return facts.ctx.checker.isArrayType(type) || facts.ctx.checker.isTupleType(type);
  }
  return qualifiedName(ts, callee) === 'Array.from' && call.arguments.length === 2;
}

/** `const n = 4 + i;`, `const [lo, hi] = stats[i];`: constants bound without running code but their values'. */
function bindsConstantsPlainly(facts: FileFacts, statement: ts.Statement): boolean {
  const { ts } = facts;
  return ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
    statement.declarationList.declarations.every((d) => d.initializer !== undefined && bindsPlainly(facts, d.name));
}
