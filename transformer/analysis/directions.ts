/**
 * A parameter's direction from its summary: primitives are always `in`; a parameter never written is `in`;
 * one written is `inout`, unless the function provably replaces all of it before reading any of it (`out`:
 * its old contents need not travel). Stricter than "written and not read": a partial write keeps old contents
 * that the caller would see, so they must travel.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, primitiveName, type AnalysisContext } from './context';
import { callerSeesWrite, withLaterWrites, type ParamEffects } from './param-effects';
import { formatReason, type Reason } from './reason';
import { implicitWriter } from './implicit-writers';

export type Direction = 'in' | 'out' | 'inout';

export interface ParamDirection {
  readonly name: string;
  readonly direction: Direction;
  readonly reason: string;
  /** Where the deciding write was found, if any. */
  readonly at?: Reason;
}

/**
 * `callAlone`: judge what the call itself does, not what a closure it hands back does when called later
 * (`writtenLater`): what the directions oracle observes of a call whose result it drops. A task's parameters count
 * both (whatever a task hands back, its caller may call).
 */
export function directionOf(ctx: AnalysisContext, param: ts.ParameterDeclaration, all: ParamEffects, callAlone = false): ParamDirection {
  const effects = callAlone ? all : withLaterWrites(all);
  const name = param.name.getText();
  const type = ctx.checker.getTypeAtLocation(param);
  if (isPrimitiveType(ctx, type)) return { name, direction: 'in', reason: `primitive (${primitiveName(ctx, type)}): passed by value` };
  // A rest parameter is an array the call makes: only writes into what it holds are the caller's.
  const written = callerSeesWrite(param, effects);
  if (!written) {
    // (Its class's toString or iterator may change it, where the language calls it unseen: implicit-writers.ts.)
    const implicit = effects.read ? implicitWriter(ctx, type) : undefined;
    if (implicit) {
      const owner = implicit.parent && ctx.ts.isClassLike(implicit.parent) ? `${implicit.parent.name?.text ?? 'its class'}.` : '';
      return { name, direction: 'inout', reason: `may be written unseen: \`${owner}${implicit.name.getText()}\` changes its object, and the language calls it with no call written (a join, a template, a spread)` };
    }
    return { name, direction: 'in', reason: effects.read ? 'read, never written' : 'contents never read or written' };
  }
  if (!effects.read && effects.overwritten && !param.dotDotDotToken) {
    return { name, direction: 'out', reason: `written, old contents never read: ${formatReason(effects.overwritten)}`, at: effects.overwritten };
  }
  return { name, direction: 'inout', reason: `written: ${formatReason(written)}`, at: written };
}
