/**
 * The type checker the analyses ask, with the answers that cost kept per node (types and symbols): the checker does not keep the type of
 * an expression (it checks it, and follows its control flow, again at each call), and a task call's argument is asked
 * about by the reach, the blockers, the containers, the aliases and the sendability checks in turn. Everything else
 * is the program's own checker (its prototype), so no second checker exists. One per program.
 */
import type * as ts from 'typescript';

const perProgram = new WeakMap<ts.Program, ts.TypeChecker>();

export function memoizedChecker(program: ts.Program): ts.TypeChecker {
  let checker = perProgram.get(program);
  if (!checker) {
    const own = program.getTypeChecker();
    const types = new WeakMap<ts.Node, ts.Type>();
    const symbols = new WeakMap<ts.Node, ts.Symbol | null>();
    checker = Object.create(own, {
      getTypeAtLocation: {
        value: (node: ts.Node): ts.Type => {
          let type = types.get(node);
          if (type === undefined) { type = own.getTypeAtLocation(node); types.set(node, type); }
          return type;
        },
      },
      getSymbolAtLocation: {
        value: (node: ts.Node): ts.Symbol | undefined => {
          let symbol = symbols.get(node);
          if (symbol === undefined) { symbol = own.getSymbolAtLocation(node) ?? null; symbols.set(node, symbol); }
          return symbol ?? undefined;
        },
      },
    }) as ts.TypeChecker;
    perProgram.set(program, checker);
  }
  return checker;
}
