// A failed task whose thrown value holds one of its arguments deeper than an error's own property: the value itself
// (`throw xs`), a plain object thrown (`{ code, payload: o }`), an AggregateError's errors, a cause that is an object
// holding the argument. The catch gets the caller's own object, as the plain call's catch did, holding what the call
// wrote before it threw (tester np35's q38/q52: each was a copy, `e === xs` false).

/** @task */
export function pushThenThrow(xs: number[]): void { xs.push(1); throw xs; }

/** @task */
export function failWithPayload(o: { n: number }): void { o.n = 5; throw { code: 'E', payload: o, list: [o, o] }; }

/** @task */
export function failTogether(xs: number[], ys: number[]): void { xs.push(2); ys.push(3); throw new AggregateError([xs, new Error('inner'), ys], 'both'); }

/** @task */
export function failWithContext(xs: number[]): void { xs.push(4); throw new Error('context', { cause: { input: xs, at: [0, xs] } }); }

/** @task */
export function failWithNote(xs: number[]): void { xs.push(6); const e = new Error('note'); Object.assign(e, { detail: { rows: [xs] } }); throw e; }

const a: number[] = [];
try { pushThenThrow(a); } catch (e) { console.log('thrown itself', e === a, JSON.stringify(e)); }

const o = { n: 0 };
try { failWithPayload(o); } catch (e: any) {
  console.log('payload', e.code, e.payload === o, e.list[0] === o, e.list[1] === o, e.payload.n);
  e.payload.n = 7;
}
console.log('after', o.n);

const b: number[] = [];
const c: number[] = [];
try { failTogether(b, c); } catch (e: any) {
  console.log('aggregate', e.errors[0] === b, e.errors[2] === c, e.errors[1].message, JSON.stringify([e.errors[0], e.errors[2]]));
}

const d: number[] = [];
try { failWithContext(d); } catch (e: any) { console.log('cause', e.cause.input === d, e.cause.at[1] === d, JSON.stringify(e.cause)); }

const f: number[] = [];
try { failWithNote(f); } catch (e: any) { console.log('detail', e.detail.rows[0] === f, JSON.stringify(e.detail)); }

// The caller's objects go on to further tasks, which see what the failed calls wrote.
try { pushThenThrow(a); } catch (e) { console.log('again', e === a, a.join(',')); }

// An error holding an argument the task only reads: the program fixes the input through the error, and the next call
// reads the fixed input (tester np35's q74: it read the snapshot from before, failed again and ended the program).
export class BadLine extends Error { constructor(public lines: string[], public at: number) { super('bad line ' + at); } }

/** @task */
export function parseLines(lines: string[]): number[] {
  return lines.map((l, i) => { const v = Number(l); if (Number.isNaN(v)) throw new BadLine(lines, i); return v; });
}

const input = ['1', 'x', '3'];
try { parseLines(input); } catch (e) {
  if (e instanceof BadLine) { console.log('bad line', e.lines === input, e.at); e.lines[e.at] = '2'; }
}
console.log(input.join(','), parseLines(input).join(','));
