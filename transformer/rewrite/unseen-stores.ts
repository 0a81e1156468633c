/**
 * Stores into a container no task of a split can see: `seen.add(v)`, `byKey.set(k, v)`, `out.push(v)`, `out[i] = v`,
 * `hist[b] += n`, `best.score = v`, `(groups[k] ??= []).push(v)`. A split loop or callback (split-loops.ts, split-callbacks.ts) evaluates every
 * pass's task arguments and submits its task before any pass's body runs; a body that stores still does what the
 * plain program did, in the same order, when what the first pass evaluates (the tasks' arguments, the loop's
 * header) cannot be or hold the container. That is judged by types (written-types.ts): a `Set<number>` filled from
 * tasks over `Float64Array`s is out of their reach; a `number[]` is not, when a task reads a `number[][]`. A container
 * only its own name reaches (private-containers.ts) is out of reach of everything that does not name it, which types
 * cannot say of typed arrays (any two may share a buffer).
 *
 * A store counts only when nothing of the program's runs in it: the library's own `push`/`unshift`/`add`/`set` on an
 * array, Set or Map the program does not subclass, an element of an array or typed array, or a property that is
 * plain data (library-uses.ts isPlainData).
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, isPrimitiveType, isTypedArrayType } from '../analysis/context';
import { isAssignmentOperator } from '../analysis/expressions';
import type { FileFacts } from './file-facts';
import { isLibrary, isLibraryType, isOverridable, isPlainData, isPlainDataSymbol } from './library-uses';
import { isPlainName, onlyReads } from './only-reads';
import { privateContainer } from './private-containers';
import { runtimeShapes } from './runtime-shapes';
import { WrittenTypes } from './written-types';
import { isContainedGeneratorCall } from './contained-generators';

/** The library's methods that store what they are given into their receiver, and the receivers they belong to. */
const STORE_METHODS: Record<string, 'array' | 'Set' | 'Map'> = { push: 'array', unshift: 'array', add: 'Set', set: 'Map' };

/**
 * If `node` stores into a container that nothing in `firstPass` can reach, the parts of it still to be judged (the
 * stored values and keys); otherwise undefined.
 */
export function unseenStoreParts(facts: FileFacts, node: ts.Node, firstPass: readonly ts.Node[], walk?: Walk): readonly ts.Expression[] | undefined {
  const store = storeOf(facts, node);
  if (!store) return undefined;
  // (The holder a slot is filled in too: `work(i + buckets.length)` read it before the fills, rv74's r-group-length.)
  if (store.holder && containerReach(facts, store.holder, firstPass) !== 'unseen') return undefined;
  const reach = containerReach(facts, store.receiver, firstPass);
  if (reach === 'unseen') return store.parts;
  return reach !== 'private' && reach !== 'runs code' && store.field !== undefined && !fieldSeen(facts, store.field, reach, firstPass, walk) ? store.parts : undefined;
}

/**
 * Whether anything in `firstPass` can reach the container `receiver` names: 'unseen' when nothing can; else why, or
 * the types that can be it (a store of one field may still go unseen: fieldSeen).
 */
function containerReach(facts: FileFacts, receiver: ts.Expression, firstPass: readonly ts.Node[]): 'unseen' | 'private' | 'runs code' | WrittenTypes {
  const { ctx } = facts;
  const shapes = runtimeShapes(ctx);
  const container = ctx.checker.getTypeAtLocation(receiver);
  // A Proxy's trap or a subclass's override would run the program's code where the plain loop ran it.
  if (shapes.hiddenAccessors || isOverridable(shapes, container) || !onlyReads(facts, receiver)) return 'runs code';
  // A container only its name reaches (private-containers.ts): the first pass reaches it only by naming it.
  const own = privateContainer(facts, receiver);
  if (own) return facts.references(own).some((ref) => firstPass.some((n) => ref.pos >= n.pos && ref.end <= n.end)) ? 'private' : 'unseen';
  // A store writes the container, not what it holds: the first pass sees it through a value that may be or hold it.
  const reachable = new WrittenTypes(ctx, [container], false);
  return firstPass.every((n) => !reaches(facts, n, reachable, container)) ? 'unseen' : reachable;
}

/**
 * The array a helper with halves pushes into at its turn (`addOne(xs, n)`, helper-halves.ts) is out of reach of what
 * a split pass evaluates ahead, but for the argument naming it: `addOne(xs, n + xs.length)`, a loop's `xs.length < 3`,
 * `addFrom(xs, xs, n)` read it before the earlier passes' pushes (rv73's r-push-callerarg, r-push-header, r-push-alias).
 */
export function pushedUnseen(facts: FileFacts, pushed: ts.Expression, firstPass: readonly ts.Node[]): boolean {
  return containerReach(facts, pushed, firstPass.filter((n) => n !== pushed)) === 'unseen';
}

/** The collection a split loop or callback walks (in `firstPass` too), and the names or patterns binding each element. */
export interface Walk {
  readonly iterated: ts.Node;
  readonly bindings: readonly ts.Node[];
}

interface Store {
  readonly receiver: ts.Expression;
  readonly parts: readonly ts.Expression[];
  /** `s.m = v`: the one field written. */
  readonly field?: string;
  /** `(groups[k] ??= []).push(v)`: the container the slot is filled in, written too (its length, its keys). */
  readonly holder?: ts.Expression;
}

/**
 * `s.m = v` writes one field of one object: the first pass sees it only by reading that field of an object that may
 * be `s` (`o.m`, `o[k]`) or by handing on a value that may be or hold `s` (a task or the library may read any of its
 * fields). `for (const s of sensors) s.m = mean(s.data)` (tester #19's F3): the first pass reads `s.data` and iterates
 * `sensors` (`walk`), which reads no field of its elements.
 */
function fieldSeen(facts: FileFacts, field: string, theObject: WrittenTypes, firstPass: readonly ts.Node[], walk: Walk | undefined): boolean {
  const { ts, ctx } = facts;
  const shapes = runtimeShapes(ctx);
  const holds = (node: ts.Node): boolean => ts.isExpression(node) && theObject.mayReach(ctx.checker.getTypeAtLocation(node));
  const mayBeIt = (node: ts.Expression): boolean => theObject.mayBe(ctx.checker.getTypeAtLocation(node));
  /** `handedOn`: the value itself goes on (an argument, a result), not only read for a part. */
  const sees = (node: ts.Node, handedOn: boolean): boolean => {
    if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) return sees(node.expression, handedOn);
    if (ts.isPropertyAccessExpression(node)) {
      // (An accessor runs the program's code, which may read the field.)
      if ((node.name.text === field || !isPlainData(ctx, shapes, node.name)) && mayBeIt(node.expression)) return true;
      return (handedOn && holds(node)) || sees(node.expression, false);
    }
    if (ts.isElementAccessExpression(node)) {
      if (mayBeIt(node.expression)) return true;
      return (handedOn && holds(node)) || sees(node.expression, false) || sees(node.argumentExpression, true);
    }
    // A pattern binding the elements (`for (const { data } of sensors)`) reads the fields it names, or all (`...rest`).
    if (ts.isBindingElement(node)) {
      const name = node.propertyName ?? node.name;
      if (node.dotDotDotToken || (ts.isObjectBindingPattern(node.parent) && !(ts.isIdentifier(name) && name.text !== field))) return true;
      return ts.isIdentifier(node.name) ? false : sees(node.name, false);
    }
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) return node.initializer !== undefined && sees(node.initializer, true);
    if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return handedOn && holds(node);
    if (handedOn && !ts.isLiteralExpression(node) && !ts.isArrayLiteralExpression(node) && !ts.isObjectLiteralExpression(node) && holds(node)) return true;
    return ts.forEachChild(node, (child) => sees(child, true) || undefined) ?? false;
  };
  // (Iterating an array reads its length and indices: a store into those is seen.)
  if (field === 'length' || /^\d/.test(field)) return true;
  return walk?.bindings.some((node) => sees(node, false)) || firstPass.some((node) => sees(node, node !== walk?.iterated));
}

function storeOf(facts: FileFacts, node: ts.Node): Store | undefined {
  const { ts, ctx } = facts;
  const { checker } = ctx;
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && !node.questionDotToken && !node.expression.questionDotToken) {
    const filled = filledSlot(facts, node.expression.expression);
    const receiver = filled ?? node.expression.expression;
    const kind = STORE_METHODS[node.expression.name.text];
    if (!kind || !isStoreReceiver(facts, receiver) || !isLibrary(ctx, node.expression) || node.arguments.some(ts.isSpreadElement)) return undefined;
    const type = checker.getTypeAtLocation(receiver);
    const fits = kind === 'array' ? checker.isArrayType(type) : isLibraryType(ctx, type) && type.getSymbol()?.getName() === kind;
    return fits ? { receiver, parts: node.arguments, ...(filled ? { holder: (filled as ts.ElementAccessExpression).expression } : {}) } : undefined;
  }
  if (!ts.isBinaryExpression(node) || !isAssignmentOperator(ts, node.operatorToken.kind)) return undefined;
  // `hist[b] += n` reads the slot first: numbers and strings only, so no valueOf of the program's runs.
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken && !(isPrimitiveNode(ctx, node.left) && isPrimitiveNode(ctx, node.right))) return undefined;
  const target = node.left;
  // (A key that is an object would run its toString.)
  if (ts.isElementAccessExpression(target) && !target.questionDotToken && isStoreReceiver(facts, target.expression) && isPrimitiveNode(ctx, target.argumentExpression)) {
    const type = checker.getTypeAtLocation(target.expression);
    const slots = checker.isArrayType(type) || checker.isTupleType(type) || isTypedArrayType(ctx, type) || isRecord(facts, type);
    return slots ? { receiver: target.expression, parts: [target.argumentExpression, node.right] } : undefined;
  }
  if (ts.isPropertyAccessExpression(target) && !target.questionDotToken && isStoreReceiver(facts, target.expression) &&
    isPlainData(ctx, runtimeShapes(ctx), target.name)) return { receiver: target.expression, parts: [node.right], field: target.name.text };
  return undefined;
}

/**
 * The container a store names: `xs`, `this.rows`, or an element of one by a number or string (`A[i]` of `A[i].push(v)`,
 * `grid[i]` of `grid[i][j] = v`, `groups[n % 2 ? 'odd' : 'even']`); the second pass evaluates it where the plain body did.
 */
function isStoreReceiver(facts: FileFacts, expr: ts.Expression): boolean {
  const { ts, ctx } = facts;
  if (isPlainName(ts, expr)) return true;
  return ts.isElementAccessExpression(expr) && !expr.questionDotToken && isPrimitiveNode(ctx, expr.argumentExpression) &&
    onlyReads(facts, expr.argumentExpression) && isStoreReceiver(facts, expr.expression);
}

/**
 * `(groups[k] ??= []).push(v)` (or `||=`): the slot a fresh empty array fills when empty, a store into the container
 * too; the slot, when it is a store receiver of an array or record (np70's min-group-push).
 */
function filledSlot(facts: FileFacts, receiver: ts.Expression): ts.Expression | undefined {
  const { ts, ctx } = facts;
  const fill = ts.isParenthesizedExpression(receiver) ? receiver.expression : undefined;
  if (!fill || !ts.isBinaryExpression(fill) || !(fill.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    fill.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken) || !ts.isArrayLiteralExpression(fill.right) || fill.right.elements.length > 0) return undefined;
  const slot = fill.left;
  if (!ts.isElementAccessExpression(slot) || !isStoreReceiver(facts, slot)) return undefined;
  const holder = ctx.checker.getTypeAtLocation(slot.expression);
  return ctx.checker.isArrayType(holder) || isRecord(facts, holder) ? slot : undefined;
}

/** `Record<string, number>`, `{ [k: string]: T }`: keyed by strings, with no accessor among its declared properties. */
function isRecord(facts: FileFacts, type: ts.Type): boolean {
  const { ctx } = facts;
  const shapes = runtimeShapes(ctx);
  // (`Record<K, V>` is the library's mapped type, an anonymous `__type`: a plain object all the same.)
  const plainObject = !isLibraryType(ctx, type) || type.getSymbol()?.getName() === '__type';
  return type.getStringIndexType() !== undefined && plainObject &&
    ctx.checker.getPropertiesOfType(type).every((property) => isPlainDataSymbol(ctx, shapes, property));
}

/** Some value `node` evaluates (itself or a part of it) may be, or hold, one of the objects in `reachable`. */
function reaches(facts: FileFacts, node: ts.Node, reachable: WrittenTypes, container: ts.Type): boolean {
  const { ts, ctx } = facts;
  // A generator that touches nothing but its own (contained-generators.ts) sees no container of the program's.
  if (ts.isCallExpression(node) && isContainedGeneratorCall(facts, node)) return false;
  // (`[i, j]`, `{ k: v }`: a new object is no container; what it holds is judged below.)
  if (ts.isExpression(node) && !ts.isLiteralExpression(node) && !ts.isArrayLiteralExpression(node) && !ts.isObjectLiteralExpression(node)) {
    const type = ctx.checker.getTypeAtLocation(node);
    if (!isPrimitiveType(ctx, type) && reachable.mayReach(type)) return true;
    // `i < this.trials`: a number read from data fields sees the store only through an object on the way that may be
    // the container itself (`rows.length`), not through one that merely holds it (`this`, holding `this.results`).
    if (ts.isPropertyAccessExpression(node) && isPrimitiveType(ctx, type)) return readsThroughContainer(facts, node, reachable, container);
  }
  return ts.forEachChild(node, (child) => reaches(facts, child, reachable, container) || undefined) ?? false;
}

function readsThroughContainer(facts: FileFacts, access: ts.PropertyAccessExpression, reachable: WrittenTypes, container: ts.Type): boolean {
  const { ts, ctx } = facts;
  const { checker } = ctx;
  const shapes = runtimeShapes(ctx);
  let node: ts.Expression = access;
  while (ts.isPropertyAccessExpression(node)) {
    // (`this` in a method is the class's polymorphic `this` type: its constraint, the class.)
    const receiver = checker.getTypeAtLocation(node.expression);
    const object = receiver.isTypeParameter() ? checker.getBaseConstraintOfType(receiver) ?? receiver : receiver;
    const mayBeIt = (object.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || object.isTypeParameter() ||
      checker.isTypeAssignableTo(container, object) || checker.isTypeAssignableTo(object, container);
    if (node.questionDotToken || !isPlainData(ctx, shapes, node.name) || mayBeIt) return true;
    node = node.expression;
  }
  // The root: a name or `this` read as it is (anything else is judged as any expression).
  return !(ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) && reaches(facts, node, reachable, container);
}
