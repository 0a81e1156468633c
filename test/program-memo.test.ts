/**
 * Answers that depend on a program's checker are memoized per program (analysis/program-memo.ts): watch mode and the
 * language service build a new program that reuses the unchanged files' nodes, and a memo keyed by a node alone
 * handed the new program the old program's answer.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { createContext } from '../transformer/analysis/context';
import { fluentReceiver } from '../transformer/analysis/fluent';

const MAIN = `import { D } from './lib';\nexport const d = new D();\nexport const e = d.min(1);\n`;
const FLUENT = `export class D { min(x: number): D { return this; } }\n`;
const FRESH = `export class D { min(x: number): D { return new D(); } }\n`;

/** Programs over an in-memory folder whose host hands out the same SourceFile while a file's text is unchanged. */
function programs() {
  const texts = new Map([['/v/main.ts', MAIN], ['/v/lib.ts', FLUENT]]);
  const made = new Map<string, ts.SourceFile>();
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, strict: true, types: [], module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10 };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.directoryExists = (d) => d === '/v' || (directoryExists?.(d) ?? false);
  host.fileExists = (f) => texts.has(f) || fileExists(f);
  host.readFile = (f) => texts.get(f) ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = texts.get(f);
    if (text === undefined) return made.get(f) ?? remember(f, getSourceFile(f, language, ...rest));
    const old = made.get(f);
    if (old && old.text === text) return old;
    const file = ts.createSourceFile(f, text, language, true);
    made.set(f, file);
    return file;
  };
  const remember = (f: string, file: ts.SourceFile | undefined) => { if (file) made.set(f, file); return file; };
  let program: ts.Program | undefined;
  return (lib: string) => {
    texts.set('/v/lib.ts', lib);
    program = ts.createProgram(['/v/main.ts'], options, host, program);
    return program;
  };
}

test('a new program reusing a file\'s nodes gets its own answer (fluent receivers: a method changed to return a fresh object)', () => {
  const next = programs();
  const first = next(FLUENT);
  const call = (program: ts.Program) => {
    const source = program.getSourceFile('/v/main.ts')!;
    const statement = source.statements[2] as ts.VariableStatement;
    return statement.declarationList.declarations[0].initializer as ts.CallExpression;
  };
  assert.ok(fluentReceiver(createContext(ts, first), call(first)), 'min returns its object');
  const second = next(FRESH);
  assert.is(call(second), call(first), 'main.ts is reused by the new program');
  assert.is(fluentReceiver(createContext(ts, second), call(second)), undefined, 'min now returns a fresh object');
});

test.run();
