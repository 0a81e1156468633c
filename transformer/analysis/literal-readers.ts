/**
 * Options objects written at a call, as the reading-callbacks summary judges them (callbacks.ts): kept apart from
 * callbacks.ts, which judges the other values a call may pass.
 */
import type * as ts from 'typescript';
import { skipParens } from './expressions';
import { summaryOnlyReads } from './function-values';
import type { Callbacks } from './callbacks';

/**
 * An options object made at the call (`{ recenter, similarityFct }`, `{ f: (x) => x[0] }`): the field named (every
 * field for ''), each value holding only readers. A function written in the literal is not an argument, so its
 * body is not analysed with this one (only an argument's is): its own summary must say it only reads. A field the
 * literal leaves out gets the callee's default, judged in the callee's body; a spread or a computed key may hold
 * anything.
 */
export function literalHoldsOnlyReaders(judge: Callbacks, literal: ts.ObjectLiteralExpression, field: string): boolean {
  const { ts } = judge.ctx;
  return literal.properties.every((property) => {
    if (ts.isSpreadAssignment(property) || !property.name || ts.isComputedPropertyName(property.name)) return false;
    if (field !== '' && property.name.getText() !== field && !(ts.isStringLiteral(property.name) && property.name.text === field)) return true;
    if (ts.isShorthandPropertyAssignment(property)) return judge.holdsOnlyReaders(property.name);
    if (ts.isMethodDeclaration(property)) return summaryOnlyReads(judge.lookup(property, false));
    if (!ts.isPropertyAssignment(property)) return false; // an accessor runs code on every read
    const value = skipParens(ts, property.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return summaryOnlyReads(judge.lookup(value, false));
    return judge.holdsOnlyReaders(value);
  });
}
