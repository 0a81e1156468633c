/**
 * Aggregates a V8 CPU profile of compiles with the plugin (and one of plain compiles, the yardstick) by TIME:
 * transformer/ files (self and inclusive), typescript.js functions entered from transformer/ code, typescript.js self
 * time under the plugin's frames, and named compiler stages in both builds. Used by plugin-profile.ts; also runs on a
 * profile written by `node --cpu-prof`: node dist/bench/profile-summary.js plugin.cpuprofile [plain.cpuprofile] [rounds].
 */
import { readFileSync } from 'node:fs';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** typescript.js stages worth seeing in both builds (inclusive), each once per sample however deep. */
const STAGES = ['createProgram', 'getPreEmitDiagnostics', 'checkSourceFileWorker', 'bindSourceFile', 'emitFiles',
  'transformNodes', 'printSourceFileOrBundle', 'getTypeAtLocation', 'getSymbolAtLocation', 'getResolvedSignature',
  'typeToString', 'isTypeAssignableTo', 'getTypeOfSymbol', 'getSignaturesOfType', 'getPropertiesOfType',
  'createSourceFile', 'getDeclaredTypeOfSymbol', 'resolveStructuredTypeMembers', 'instantiateType', 'getJSDocTags',
  'getJSDocTagsWorker', 'getLineAndCharacterOfPosition', 'getTextOfNode', 'getText', 'getFullText', 'forEachChild'];

type Kind = { kind: 'plugin'; file: string } | { kind: 'ts' } | { kind: 'other' };

function kindOf(url: string): Kind {
  const at = url.search(/[\\/]dist[\\/]transformer[\\/]/);
  // analysis/program.ts is createAnalysisProgram: the benchmark's own program, made alike for both builds (tspc never calls it).
  if (at >= 0 && /analysis[\\/]program\.js$/.test(url)) return { kind: 'other' };
  if (at >= 0) return { kind: 'plugin', file: url.slice(at + 6).replace(/\\/g, '/').replace(/\.js$/, '.ts') };
  return /typescript[\\/]lib[\\/]typescript\.js$/.test(url) ? { kind: 'ts' } : { kind: 'other' };
}

interface Sample { stack: number[]; ms: number } // stack: node ids, leaf first

/** The profile's samples (those with a frame named `under` on their stack, when given). */
function samplesOf(profile: CpuProfile, under?: string): { samples: Sample[]; node: Map<number, CpuProfile['nodes'][number]> } {
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = new Map<number, number[]>();
  const stack = (id: number): number[] => {
    let s = stackOf.get(id);
    if (!s) {
      const up = parent.get(id);
      s = [id, ...(up === undefined ? [] : stack(up))];
      stackOf.set(id, s);
    }
    return s;
  };
  const all = profile.samples.map((id, i) => ({ stack: stack(id), ms: (profile.timeDeltas[i] ?? 0) / 1000 }));
  if (under === undefined) return { samples: all, node };
  // A garbage collector sample has no stack of its own: it belongs to the build that ran just before it.
  const samples: Sample[] = [];
  let inside = false;
  for (const s of all) {
    const name = node.get(s.stack[0])!.callFrame.functionName;
    if (name !== '(garbage collector)') inside = s.stack.some((id) => node.get(id)!.callFrame.functionName === under);
    if (inside) samples.push(s);
  }
  return { samples, node };
}

const add = (m: Map<string, number>, key: string, ms: number) => m.set(key, (m.get(key) ?? 0) + ms);

function stages(profile: CpuProfile, under?: string): Map<string, number> {
  const { samples, node } = samplesOf(profile, under);
  const out = new Map<string, number>();
  for (const s of samples) {
    const seen = new Set<string>();
    for (const id of s.stack) {
      const frame = node.get(id)!.callFrame;
      if (kindOf(frame.url).kind === 'ts' && STAGES.includes(frame.functionName)) seen.add(frame.functionName);
    }
    for (const name of seen) add(out, name, s.ms);
    add(out, '(total)', s.ms);
    if (node.get(s.stack[0])!.callFrame.functionName === '(garbage collector)') add(out, '(garbage collector)', s.ms);
  }
  return out;
}

/** typescript.js self time by function, in samples with `stage` on the stack and no transformer/ frame. */
function selfUnder(profile: CpuProfile, stage: string, under?: string): Map<string, number> {
  const { samples, node } = samplesOf(profile, under);
  const out = new Map<string, number>();
  for (const s of samples) {
    const frames = s.stack.map((id) => node.get(id)!.callFrame);
    if (!frames.some((f) => f.functionName === stage) || frames.some((f) => kindOf(f.url).kind === 'plugin')) continue;
    add(out, frames[0].functionName || '(anonymous)', s.ms);
  }
  return out;
}

const top = (m: Map<string, number>, n: number, rounds: number, total: number): string =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, ms]) => `| ${k} | ${(ms / rounds).toFixed(1)} | ${((100 * ms) / total).toFixed(1)}% |`).join('\n');

/** `split` names the wrappers of the plugin and plain builds when one profile holds both (plugin-profile.ts);
 * without it, `plugin` holds only plugin builds and `plain`, if given, only plain ones. */
export function summarize(plugin: CpuProfile, rounds: number, split?: { plugin: string; plain: string }, plain?: CpuProfile): string {
  const { samples, node } = samplesOf(plugin, split?.plugin);
  const total = samples.reduce((sum, s) => sum + s.ms, 0);
  const selfByFile = new Map<string, number>();
  const inclByFile = new Map<string, number>();
  const tsEntries = new Map<string, number>(); // innermost transformer → typescript.js call, for samples ending in ts
  const tsSelfUnderPlugin = new Map<string, number>();
  const inclByFunction = new Map<string, number>(); // transformer/ functions, once per sample
  const ownByFunction = new Map<string, number>(); // the innermost transformer/ function, with the typescript.js it calls
  let underPlugin = 0;
  for (const s of samples) {
    const frames = s.stack.map((id) => node.get(id)!.callFrame);
    const kinds = frames.map((f) => kindOf(f.url));
    const files = new Set(kinds.flatMap((k) => (k.kind === 'plugin' ? [k.file] : [])));
    if (files.size === 0) continue;
    underPlugin += s.ms;
    for (const file of files) add(inclByFile, file, s.ms);
    const fns = new Set(frames.flatMap((f, i) => { const k = kinds[i]; return k.kind === 'plugin' ? [`${f.functionName || '(anonymous)'} ${k.file}:${f.lineNumber + 1}`] : []; }));
    for (const fn of fns) add(inclByFunction, fn, s.ms);
    const inner = kinds.findIndex((k) => k.kind === 'plugin');
    add(ownByFunction, `${frames[inner].functionName || '(anonymous)'} ${(kinds[inner] as { file: string }).file}:${frames[inner].lineNumber + 1}`, s.ms);
    const leaf = kinds[0];
    if (leaf.kind === 'plugin') { add(selfByFile, leaf.file, s.ms); continue; }
    if (leaf.kind === 'ts') add(tsSelfUnderPlugin, frames[0].functionName || '(anonymous)', s.ms);
    // The innermost frame of typescript.js whose caller is plugin code (builtins between them skipped): the query the plugin made.
    const caller = kinds.findIndex((k) => k.kind === 'plugin');
    for (let i = caller - 1; i >= 0; i--) {
      const k = kinds[caller];
      if (kinds[i].kind === 'ts' && k.kind === 'plugin') { add(tsEntries, `${frames[i].functionName || '(anonymous)'} ← ${k.file}`, s.ms); break; }
    }
  }
  const lines: string[] = [];
  lines.push(`plugin builds: ${(total / rounds).toFixed(1)} ms a round sampled, ${(underPlugin / rounds).toFixed(1)} ms (${((100 * underPlugin) / total).toFixed(1)}%) with transformer/ code on the stack\n`);
  lines.push('transformer/ files, inclusive (ms a round, share of the plugin build):\n| file | ms | share |\n|---|---|---|');
  lines.push(top(inclByFile, 25, rounds, total));
  lines.push('\ntransformer/ functions, inclusive (dist line numbers):\n| function | ms | share |\n|---|---|---|');
  lines.push(top(inclByFunction, 60, rounds, total));
  lines.push('\ntransformer/ functions, own time (self + the typescript.js they call, up to the next transformer/ frame):\n| function | ms | share |\n|---|---|---|');
  lines.push(top(ownByFunction, 40, rounds, total));
  lines.push('\ntransformer/ files, self:\n| file | ms | share |\n|---|---|---|');
  lines.push(top(selfByFile, 25, rounds, total));
  lines.push('\ntypescript.js entered from transformer/ code (innermost entry, inclusive of what it calls):\n| function ← caller | ms | share |\n|---|---|---|');
  lines.push(top(tsEntries, 30, rounds, total));
  lines.push('\ntypescript.js self time under transformer/ frames:\n| function | ms | share |\n|---|---|---|');
  lines.push(top(tsSelfUnderPlugin, 20, rounds, total));
  const withPlugin = stages(plugin, split?.plugin);
  const without = split ? stages(plugin, split.plain) : plain ? stages(plain) : new Map<string, number>();
  lines.push('\ntypescript.js stages, inclusive (ms a round):\n| stage | plain | plugin |\n|---|---|---|');
  for (const name of ['(total)', '(garbage collector)', ...STAGES]) {
    if (!withPlugin.has(name) && !without.has(name)) continue;
    lines.push(`| ${name} | ${((without.get(name) ?? 0) / rounds).toFixed(1)} | ${((withPlugin.get(name) ?? 0) / rounds).toFixed(1)} |`);
  }
  for (const stage of ['printSourceFileOrBundle', 'transformNodes', 'checkSourceFileWorker']) {
    const a = selfUnder(plugin, stage, split?.plugin);
    const b = split ? selfUnder(plugin, stage, split.plain) : plain ? selfUnder(plain, stage) : new Map<string, number>();
    const diff = new Map([...new Set([...a.keys(), ...b.keys()])].map((k) => [k, (a.get(k) ?? 0) - (b.get(k) ?? 0)]));
    lines.push(`\ntypescript.js self time under ${stage} (no transformer/ frame), largest plugin − plain:\n| function | plain | plugin |\n|---|---|---|`);
    for (const [k] of [...diff].sort((x, y) => y[1] - x[1]).slice(0, 12)) {
      lines.push(`| ${k} | ${((b.get(k) ?? 0) / rounds).toFixed(1)} | ${((a.get(k) ?? 0) / rounds).toFixed(1)} |`);
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  const [pluginFile, plainFile, rounds] = process.argv.slice(2);
  if (!pluginFile) { console.error('usage: profile-summary.js plugin.cpuprofile [plain.cpuprofile] [rounds]'); process.exit(2); }
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile;
  console.log(summarize(read(pluginFile), Number(rounds || 1), undefined, plainFile ? read(plainFile) : undefined));
}
