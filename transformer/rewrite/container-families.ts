/**
 * A container's family: the container's variable and its aliases (`const row = c[i]`, `for (const strip of strips)`,
 * `strips.forEach((strip) => …)`), and the levels a chain of `[i]` steps goes through. Which variable a reference
 * belongs to, and where a chain through levels ends; what the family's uses do is containers.ts's business.
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, isPrimitiveNode, isPrimitiveType, symbolOf } from '../analysis/context';
import type { PlannerView } from './containers';
import { elementBase, isChoice, isChoiceOf, skipTransparent } from './syntax';
import { isElementCallbackParameter, nameSource } from './name-sources';

/** Array methods whose callback gets one element at a time and whose result may hold none of them. */
const ELEMENT_VISITORS = new Set(['map', 'some', 'every', 'findIndex', 'findLastIndex']);

export class ContainerFamilies {
  private readonly rootMemo = new Map<ts.Symbol, ts.Symbol | null>();
  private readonly ts: typeof ts;

  constructor(private readonly view: PlannerView) { this.ts = view.ctx.ts; }

  /** The value holds objects that are followed on their own: it is a level of a container, not a leaf. */
  holdsObjects(expr: ts.Expression): boolean {
    const { checker } = this.view.ctx;
    if (this.typeHoldsObjects(checker.getTypeAtLocation(expr))) return true;
    // `const rs = []; rs.push(task(i))`: an evolving array is `any[]` where it is declared and the type of what was
    // pushed where it is used; every reference must agree that it may hold objects (or Futures).
    const declaration = this.ts.isIdentifier(expr) ? checker.getSymbolAtLocation(expr)?.valueDeclaration : undefined;
    return declaration !== undefined && this.ts.isVariableDeclaration(declaration) && !declaration.type && declaration.initializer !== undefined &&
      this.ts.isArrayLiteralExpression(declaration.initializer) && declaration.initializer.elements.length === 0 &&
      this.typeHoldsObjects(checker.getTypeAtLocation(declaration.name));
  }

  private isCandidate(symbol: ts.Symbol): boolean {
    const declaration = symbol.valueDeclaration;
    return declaration !== undefined && (this.ts.isVariableDeclaration(declaration) || this.ts.isParameter(declaration)) && this.view.isFollowable(symbol) &&
      this.typeHoldsObjects(this.view.ctx.checker.getTypeAtLocation(declaration.name));
  }

  rootOfMember(symbol: ts.Symbol): ts.Symbol | undefined {
    const known = this.rootMemo.get(symbol);
    if (known !== undefined) return known ?? undefined;
    this.rootMemo.set(symbol, null); // a cycle of aliases (not valid code) ends here
    let root: ts.Symbol | undefined;
    if (this.isCandidate(symbol)) {
      // Names rebound to one another (`const t = cur; cur = nxt; nxt = t`) hold one family between them: its root is
      // the group's first name. A group with another kind of member (a holder, a view) is no container.
      // (Names of its elements join the group of an array passed whole, aliases.ts: they stay the family's aliases.)
      const group = this.view.aliases.groupOf(symbol).filter((member) => !this.view.aliases.isElementPart(member));
      root = group.every((member) => this.isCandidate(member)) ? group[0] : undefined;
    } else {
      const source = this.aliasSource(symbol);
      const choice = source && this.choiceOf(source);
      if (choice) root = choice.root;
      else {
        const base = source && this.baseOf(source);
        const sourceSymbol = base && symbolOf(this.view.ctx, base);
        root = sourceSymbol && this.rootOfMember(sourceSymbol);
      }
    }
    this.rootMemo.set(symbol, root ?? null);
    return root;
  }

  /**
   * The expression a variable names (part of), by aliases.ts's one notion of another name: `const x = <e>`,
   * `for (const x of <e>)`, `<e>.forEach((x) => …)` where the visitor hands out elements and nothing else.
   * Only names no one can reassign from outside the file.
   */
  private aliasSource(symbol: ts.Symbol): ts.Expression | undefined {
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !('name' in declaration) || !ts.isIdentifier(declaration.name as ts.Node)) return undefined;
    const source = nameSource(this.view.ctx, declaration);
    if (!source) return undefined;
    if (source.via) return this.visitsElements(source.via) ? source.expr : undefined;
    if (source.element || !ts.isVariableDeclaration(declaration)) return source.expr;
    const list = declaration.parent as ts.VariableDeclarationList;
    const statement = list.parent;
    const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    return !exported && list.flags & ts.NodeFlags.Const ? skipTransparent(ts, source.expr) : undefined;
  }

  /**
   * `const top = i > 0 ? grid[i - 1][j] : zero` (or `??`, `||`, `&&`): a name given one of several values, each a leaf of
   * one container, a primitive, a fresh object, or a leaf variable of this file that is no container's (`zero`, which
   * joins the family: a task writing through the alias may write its object, so its uses wait as the family's do). The
   * container and the joining variables; undefined when the value is no such choice.
   */
  choiceOf(value: ts.Expression): { root: ts.Symbol; joined: ts.Symbol[] } | undefined {
    const { ts } = this;
    const branches: ts.Expression[] = [];
    const collect = (e: ts.Expression): void => {
      const inner = skipTransparent(ts, e);
      if (ts.isConditionalExpression(inner)) { collect(inner.whenTrue); collect(inner.whenFalse); }
      else if (ts.isBinaryExpression(inner) && isChoice(ts, inner.operatorToken.kind)) { collect(inner.left); collect(inner.right); }
      else branches.push(inner);
    };
    collect(value);
    if (branches.length < 2) return undefined;
    const roots = new Set<ts.Symbol | undefined>();
    const joined: ts.Symbol[] = [];
    for (const branch of branches) {
      if (isPrimitiveNode(this.view.ctx, branch) || this.view.isFresh(branch)) continue;
      const symbol = ts.isIdentifier(branch) ? symbolOf(this.view.ctx, branch) : undefined;
      if (symbol && this.joins(symbol, branch as ts.Identifier)) { joined.push(symbol); continue; }
      const base = this.holdsObjects(branch) ? undefined : this.baseOf(branch);
      const baseSymbol = base && base !== branch ? symbolOf(this.view.ctx, base) : undefined;
      roots.add(baseSymbol && this.rootOfMember(baseSymbol));
    }
    const [root] = roots;
    return roots.size === 1 && root ? { root, joined } : undefined;
  }

  /**
   * A `const` of this file, not exported, holding a fresh leaf (`const zero = new Float64Array(n)`) and in no container's
   * family. (Its own followability counts the alias's other values; its uses are the family's, judged with it.)
   */
  private joins(symbol: ts.Symbol, ref: ts.Identifier): boolean {
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name) ||
      declaration.getSourceFile() !== ref.getSourceFile()) return false;
    const list = declaration.parent as ts.VariableDeclarationList;
    const statement = list.parent;
    const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    return !exported && (list.flags & ts.NodeFlags.Const) !== 0 && this.view.isFresh(declaration.initializer) &&
      !this.holdsObjects(declaration.name) && this.rootOfMember(symbol) === undefined;
  }

  /** The variable a chain of `[i]` steps through levels starts from (a step into a leaf is not a container step). */
  baseOf(expr: ts.Expression): ts.Identifier | undefined {
    const { ts } = this;
    let node = skipTransparent(ts, expr);
    while (ts.isElementAccessExpression(node)) {
      if (!this.holdsObjects(node.expression)) return undefined;
      node = skipTransparent(ts, node.expression);
    }
    return ts.isIdentifier(node) ? node : undefined;
  }

  /** The symbol names the root's own object (the root, or a name of its alias group), not an element of it. */
  namesRoot(symbol: ts.Symbol | undefined, root: ts.Symbol): boolean {
    return symbol !== undefined && !this.view.aliases.isElementPart(symbol) && this.view.aliases.groupOf(root).includes(symbol);
  }

  /** Every reference to the container or to one of its aliases. */
  familyReferences(root: ts.Symbol): ts.Identifier[] {
    const refs: ts.Identifier[] = [];
    const members = [...this.view.aliases.groupOf(root)];
    const seen = new Set(members);
    for (let i = 0; i < members.length; i++) {
      for (const ref of this.view.references(members[i])) {
        refs.push(ref);
        const alias = this.aliasMadeAt(ref);
        if (alias && !seen.has(alias)) { seen.add(alias); members.push(alias); }
        // (`zero` in `const top = i > 0 ? grid[i - 1][j] : zero`: top may be its object.)
        const source = alias && this.aliasSource(alias);
        for (const joined of (source && this.choiceOf(source)?.joined) ?? []) {
          if (!seen.has(joined)) { seen.add(joined); members.push(joined); }
        }
      }
    }
    return refs;
  }

  /** The alias this reference initializes, if it stands in an alias's source. */
  private aliasMadeAt(ref: ts.Identifier): ts.Symbol | undefined {
    const { ts } = this;
    const chain = this.levelChain(ref);
    // (A branch of a choice the name takes: `const top = i > 0 ? grid[i - 1][j] : zero`, judged whole by choiceOf.)
    let value: ts.Expression = chain;
    while (isChoiceOf(ts, value.parent, value) || ts.isParenthesizedExpression(value.parent)) value = value.parent as ts.Expression;
    if (value !== chain) {
      const declaration = value.parent;
      if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== value || !ts.isIdentifier(declaration.name)) return undefined;
      const symbol = symbolOf(this.view.ctx, declaration.name);
      return symbol && this.aliasSource(symbol) && !isPrimitiveNode(this.view.ctx, declaration.name) && this.choiceOf(value) ? symbol : undefined;
    }
    const parent = chain.parent;
    let name: ts.Node | undefined;
    if (ts.isVariableDeclaration(parent) && parent.initializer === chain) name = parent.name;
    else if (ts.isForOfStatement(parent) && parent.expression === chain && ts.isVariableDeclarationList(parent.initializer)) {
      name = parent.initializer.declarations[0]?.name;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === chain && parent.name.text === 'entries') {
      // `for (const [i, x] of level.entries())`: x names each element (aliases.ts nameSource), i is its index.
      const element = entryBinding(ts, parent);
      if (element && this.aliasSource(symbolOf(this.view.ctx, element)!) === chain) name = element;
    } else if (ts.isPropertyAccessExpression(parent) && parent.expression === chain && ts.isCallExpression(parent.parent) &&
      this.visitsElements(parent.parent)) {
      const fn = parent.parent.arguments[0];
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) name = fn.parameters[0]?.name;
    }
    if (name && ts.isParameter(name.parent) && !isElementCallbackParameter(ts, name.parent)) return undefined;
    if (!name || !ts.isIdentifier(name)) return undefined;
    const symbol = symbolOf(this.view.ctx, name);
    return symbol && this.aliasSource(symbol) && !isPrimitiveNode(this.view.ctx, name) ? symbol : undefined;
  }

  /**
   * `level.forEach((x) => …)`, or `level.map((x) => …)` / `some` / `every` / `findIndex` whose result holds no element
   * (numbers, or copies made by the callback):
   * the callback's first parameter names each element in turn (an alias, waited for at each use), and nothing else
   * of the level comes out.
   */
  visitsElements(call: ts.CallExpression): boolean {
    const { ts } = this;
    if (!ts.isPropertyAccessExpression(call.expression)) return false;
    const method = call.expression.name.text;
    if (method === 'forEach') return true;
    if (!ELEMENT_VISITORS.has(method)) return false;
    return isPrimitiveNode(this.view.ctx, call) || (method === 'map' && (hasPrimitiveElements(this.view.ctx, call) || this.mapsToCopies(call) || this.mapsToTaskValues(call)));
  }

  /**
   * `docs.map((d) => score(d))`: each element goes to a task call whose value (a Future, a Promise of an async task's)
   * holds none of its arguments, so the mapped array holds no element.
   */
  private mapsToTaskValues(call: ts.CallExpression): boolean {
    const { ts } = this;
    const fn = call.arguments[0];
    if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
    const body = ts.isBlock(fn.body) ? (fn.body.statements.length === 1 && ts.isReturnStatement(fn.body.statements[0]) ? fn.body.statements[0].expression : undefined) : fn.body;
    const value = body && skipTransparent(ts, body);
    return value !== undefined && ts.isCallExpression(value) && this.view.holdsNoArgument(value);
  }

  /** `blocks.map((b) => b.slice())`: every element the callback returns is made fresh (a copy), none is an element. */
  private mapsToCopies(call: ts.CallExpression): boolean {
    const { ts } = this;
    const fn = call.arguments[0];
    if (!fn || !ts.isArrowFunction(fn) || ts.isBlock(fn.body)) return false;
    return this.view.isFresh(fn.body);
  }

  /** The longest chain of `[i]` steps through levels that starts at `ref`. */
  levelChain(ref: ts.Expression): ts.Expression {
    const { ts } = this;
    let chain: ts.Expression = ref;
    for (;;) {
      const parent = chain.parent;
      if (ts.isParenthesizedExpression(parent) || (ts.isElementAccessExpression(parent) && parent.expression === chain && this.holdsObjects(chain))) {
        chain = parent;
      } else return chain;
    }
  }

  isAliasSource(chain: ts.Expression): boolean {
    const { ts } = this;
    const ref = elementBase(ts, chain);
    return ts.isIdentifier(ref) && this.levelChain(ref) === chain && this.aliasMadeAt(ref) !== undefined;
  }

  /** An array of objects, or a value of unknown shape (`any`, `unknown`, `object`), which may be one. */
  private typeHoldsObjects(type: ts.Type): boolean {
    const { checker } = this.view.ctx;
    const { TypeFlags } = this.ts;
    if (type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.NonPrimitive)) return true;
    if (type.isUnion()) return type.types.some((t) => this.typeHoldsObjects(t));
    if (!checker.isArrayType(type) && !checker.isTupleType(type)) return false;
    return checker.getTypeArguments(type as ts.TypeReference).some((element) => !isPrimitiveType(this.view.ctx, element));
  }
}

/** `x` of `for (const [i, x] of <level>.entries())`, given `<level>.entries`; its source is checked by nameSource. */
function entryBinding(t: typeof ts, entries: ts.PropertyAccessExpression): ts.Identifier | undefined {
  const call = entries.parent;
  const loop = call.parent;
  if (!t.isCallExpression(call) || call.expression !== entries || !t.isForOfStatement(loop) || loop.expression !== call ||
    !t.isVariableDeclarationList(loop.initializer)) return undefined;
  const pattern = loop.initializer.declarations[0]?.name;
  const element = pattern && t.isArrayBindingPattern(pattern) ? pattern.elements[1] : undefined;
  return element && t.isBindingElement(element) && t.isIdentifier(element.name) ? element.name : undefined;
}
