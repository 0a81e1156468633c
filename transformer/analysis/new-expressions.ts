/**
 * What `new C(…)` does to the values it is given, for one function's analysis (call-effects.ts hands every `new` here):
 * a copying built-in reads them, `new DataView(buffer)` makes a view on them, a `new Promise` executor runs now, a
 * constructor of the program is judged by its summary, the class of an object the caller gave is taken to be a built-in
 * one, and any other constructor is unknown code.
 */
import type * as ts from 'typescript';
import { COPYING_CONSTRUCTORS } from './builtin-callees';
import { programConstructor } from './expressions';
import { isAmbient } from './call-kinds';
import type { HandOff } from './handed-functions';
import { inlineExecutor } from './promise-executors';
import { snippet } from './reason';
import { argumentParam, callerSeesWrite, withLaterWrites } from './param-effects';

/** `new C(…)`: a copying built-in reads its arguments; a constructor of the program is judged by its summary. */
export function newExpressionEffects(h: HandOff, node: ts.NewExpression): void {
  const { ctx, callbacks, record } = h;
  const { ts } = ctx;
  const known = ts.isIdentifier(node.expression) && COPYING_CONSTRUCTORS.has(node.expression.text);
  // `new DataView(buffer)`: a view on the buffer's bytes, made without touching them (reach.ts takes the new object as
  // possibly the buffer itself, so writes through the view's setters write it; its getters read).
  const view = ts.isIdentifier(node.expression) && node.expression.text === 'DataView' && isAmbient(ctx, node.expression);
  // `new Promise((resolve) => …)`: the executor runs now, its body analysed here (promise-executors.ts).
  const executor = inlineExecutor(ctx, node);
  const constructor = known ? undefined : programConstructor(ctx, node);
  const summary = constructor && callbacks.summaryAt(node, constructor);
  // `new date.constructor(value)`: the class of an object the caller gave, a built-in one under the reading-callbacks
  // summary (callbacks.ts isCallerClass), which reads what it is given; its new object may be or hold it
  // (`new Object(o)` is o), which reach.ts takes of any unknown `new`.
  const callerClass = !known && !summary && callbacks.isCallerClass(node);
  (node.arguments ?? []).forEach((arg, index) => {
    const params = record.reached(arg);
    if (params.size === 0) return;
    const found = summary?.params[argumentParam(constructor!, index)];
    const effect = found && withLaterWrites(found);
    const className = ts.isIdentifier(node.expression) ? node.expression.text : 'a class';
    if (known) record.read(params, arg, `copied by \`${snippet(node)}\``);
    else if (view) record.read(params, arg, `a view on its bytes made by \`${snippet(node)}\``);
    else if (callerClass) record.read(params, arg, `passed to \`${snippet(node)}\`, the constructor of the caller's object`);
    else if (executor && index === 0) record.read(params, arg, `mentioned by the executor of \`${snippet(node)}\`, which runs now`);
    else if (effect && !ts.isSpreadElement(arg)) {
      // A constructor of the program's own: its summary, as for a call (what it keeps, it keeps in the new object).
      const written = callerSeesWrite(constructor!.parameters[argumentParam(constructor!, index)], effect);
      if (written) record.assuming(() => record.writeInto(arg, arg, `passed to \`new ${className}\`, which writes it: ${written.text}`, effect.writtenDeep !== undefined), effect.writtenKnown !== undefined);
      if (effect.read) record.read(params, arg, `passed to \`new ${className}\`, which reads it`);
      // What it keeps in the new object is in the `new` expression's result, which the reach follows (reach.ts):
      // let out only where that object goes (parameter-properties.ts). What it lets out otherwise is let out here.
      // (`throw new ItemError('bad', it)`: what the error keeps comes back with it as the caller's own objects, as
      // `{ cause: it }` does: runtime/error-travel.ts.)
      const out = thrownAtOnce(ts, node) ? undefined : effect.escapedOtherwise ?? effect.kept;
      if (out) record.escape(params, arg, `passed to \`new ${className}\`, which keeps it: ${out.text}`);
      if (effect.inFunction) record.inFunction(params, arg, `passed to \`new ${className}\`, where a function holds it: ${effect.inFunction.text}`);
    } else {
      record.assuming(() => record.write(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``));
      record.escape(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``, { toUnknown: true });
    }
  });
}

/** `throw new C(…)`: the new object is thrown where it is made. */
function thrownAtOnce(t: typeof ts, node: ts.NewExpression): boolean {
  let at: ts.Node = node;
  while (t.isParenthesizedExpression(at.parent)) at = at.parent;
  return t.isThrowStatement(at.parent);
}
