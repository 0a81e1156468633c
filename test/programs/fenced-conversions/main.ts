// Conversions and traps the language runs after tasks on objects the plan cannot name (np48's F2): each reads what
// the tasks wrote, so a fence comes first.
import { grow } from './tasks';
const jobs: number[] = [1];
const view = new Proxy({} as Record<string, number>, { ownKeys: () => jobs.map(String), getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true, value: 0 }) });
const size = { valueOf() { return jobs.length; } };
function a(qs: number[][]) { for (const q of qs) grow(q); const n = Reflect.ownKeys(view).length; console.log('Reflect.ownKeys', n); }
function b(qs: number[][]) { for (const q of qs) grow(q); const t = new Float64Array(1); t[0] = size as any; console.log('typed store', t[0]); }
function c(qs: number[][]) { for (const q of qs) grow(q); const arr = [0, 0, 0, 0, 0, 0]; arr.length = size as any; console.log('length =', arr.length); }
function d(qs: number[][]) { for (const q of qs) grow(q); let x: any = size; x++; console.log('x++', x); }
function e(qs: number[][]) { for (const q of qs) grow(q); const k: any = { toString: () => 'n' + jobs.length }; const hit = k in { n5: 1 }; console.log('in', hit); }
function f(qs: number[][]) { for (const q of qs) grow(q); const t = new Float64Array(1); t.fill(size as any); console.log('typed fill', t[0]); }
function g(qs: number[][]) { for (const q of qs) grow(q); let x: any = size; --x; console.log('--x', x); }
a([jobs]); b([jobs]); c([jobs]); d([jobs]); e([jobs]); f([jobs]); g([jobs]);
