/**
 * Calls of an interface's method (`c.encode(data)` with `c: Codec`): the object may be of any class or literal whose
 * shape fits, so the call does what any of their `encode`s does. The checker resolves it to the signature, which has
 * no body; the call was code of unknown effect, `data` inout and the task one at a time (tester #17's r05: two classes
 * implementing `Codec`).
 *
 * The candidates are every member of that name the program's code declares, in a class or an object literal, whose
 * holder fits the receiver's type (all of them when either side is generic: assignability to a type parameter says
 * nothing). The call stays unknown when a value of another origin may be given: a declaration file's class or
 * interface with a fitting member of that name (a `Writable` fits `{ write(s: string): void }`; a generic one, like
 * `Map`'s `get`, is taken to fit), a member set by assignment (`o.encode = f`), a field that is no function, or an
 * accessor.
 */
import type * as ts from 'typescript';
import { isDecorated, type AnalysisContext, type FunctionLike } from './context';

type Member = ts.ClassElement | ts.ObjectLiteralElementLike | ts.TypeElement | ts.ParameterDeclaration;
/** Per program, every member declaration by name, and the names program code assigns (`o.encode = f`). */
interface MemberIndex { members: Map<string, Member[]>; assigned: Set<string> }
const indexes = new WeakMap<ts.Program, MemberIndex>();

/** The functions an interface method call may run; [] when unknown; undefined when `signature` is no interface's. */
export function implementingMethods(ctx: AnalysisContext, callee: ts.PropertyAccessExpression, signature: ts.Declaration): FunctionLike[] | undefined {
  const { ts, checker } = ctx;
  const holder = signature.parent;
  if (!(ts.isMethodSignature(signature) || ts.isPropertySignature(signature)) || signature.getSourceFile().isDeclarationFile ||
    !(ts.isInterfaceDeclaration(holder) || ts.isTypeLiteralNode(holder))) return undefined;
  const name = callee.name.text;
  const index = memberIndex(ctx);
  if (index.assigned.has(name)) return [];
  const receiver = checker.getApparentType(checker.getTypeAtLocation(callee.expression));
  const genericReceiver = ts.isInterfaceDeclaration(holder) && holder.typeParameters !== undefined;
  const fits = (member: Member, generic: boolean): boolean =>
    generic || genericReceiver || checker.isTypeAssignableTo(checker.getTypeAtLocation(ownerOf(ts, member)), receiver);
  const found: FunctionLike[] = [];
  for (const member of index.members.get(name) ?? []) {
    const owner = ownerOf(ts, member);
    if (member.getSourceFile().isDeclarationFile) {
      if (!ts.isInterfaceDeclaration(owner) && !ts.isClassLike(owner) && !ts.isTypeLiteralNode(owner)) continue;
      if (fits(member, 'typeParameters' in owner && owner.typeParameters !== undefined)) return [];
      continue;
    }
    if (ts.isInterfaceDeclaration(owner) || ts.isTypeLiteralNode(owner)) continue; // a type: no value of its own
    if (!fits(member, ts.isClassLike(owner) ? owner.typeParameters !== undefined : true)) continue;
    const fn = functionOf(ctx, member);
    if (fn === undefined) return [];
    if (fn !== null) found.push(fn);
  }
  return found;
}

/** The class, interface or literal declaring the member. */
function ownerOf(tsApi: typeof ts, member: Member): ts.Node {
  return tsApi.isParameter(member) ? member.parent.parent : member.parent;
}

/** The function a member holds; null for a method without a body (abstract), undefined when it is no known function. */
function functionOf(ctx: AnalysisContext, member: Member): FunctionLike | null | undefined {
  const { ts } = ctx;
  // (A decorated method runs what its decorator returns: no known function.)
  if (ts.isMethodDeclaration(member)) return isDecorated(ctx, member) ? undefined : member.body ? member : null;
  const value = ts.isPropertyAssignment(member) || ts.isPropertyDeclaration(member) ? member.initializer : undefined;
  if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) return value;
  return undefined;
}

function memberIndex(ctx: AnalysisContext): MemberIndex {
  let index = indexes.get(ctx.program);
  if (index) return index;
  const { ts } = ctx;
  index = { members: new Map(), assigned: new Set() };
  const { members, assigned } = index;
  const add = (member: Member): void => {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) || ts.isPrivateIdentifier(member.name)) ? member.name.text : undefined;
    if (name !== undefined) members.set(name, [...(members.get(name) ?? []), member]);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) (node.members as ts.NodeArray<Member>).forEach(add);
    // `constructor(public encode: …)` declares a field of the class too.
    else if (ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && ts.isParameterPropertyDeclaration(node, node.parent)) add(node);
    else if (ts.isObjectLiteralExpression(node)) node.properties.forEach(add);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = node.left;
      if (ts.isPropertyAccessExpression(target)) assigned.add(target.name.text);
      else if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) assigned.add(target.argumentExpression.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) visit(file);
  indexes.set(ctx.program, index);
  return index;
}
