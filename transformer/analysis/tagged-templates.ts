/**
 * A tagged template (`` tag`…${p}…` ``) calls its tag with the template's values: the analysis had no call there, so
 * a tag writing what it is given (`function tag(s, a) { a[0].push(1) }`) left `p` in. Until the tag's summary is
 * matched to the values' positions, a value given to a tag is given to code of unknown effect, but to `String.raw`,
 * which only reads (and stringifies) them.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import type { EffectRecorder } from './effect-recorder';
import { builtinName } from './builtin-callees';
import { snippet } from './reason';

export function taggedTemplateEffects(ctx: AnalysisContext, node: ts.Node, record: EffectRecorder): void {
  const { ts } = ctx;
  if (!ts.isTaggedTemplateExpression(node) || !ts.isTemplateExpression(node.template)) return;
  const reads = builtinName(ctx, node.tag) === 'String.raw';
  for (const span of node.template.templateSpans) {
    const params = record.reached(span.expression);
    if (params.size === 0) continue;
    const text = `given to the tag of \`${snippet(node)}\``;
    if (reads) { record.read(params, span.expression, `${text}, which reads it`); continue; }
    record.assuming(() => record.write(params, span.expression, `${text}, code of unknown effect (assumed to write it)`));
    record.escape(params, span.expression, `${text}, code of unknown effect`, { toUnknown: true });
  }
}
