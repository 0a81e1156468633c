/**
 * Tasks of the entry module whose calls run in place at run time: a value a worker cannot send back (a DataView, a
 * list too deep to encode), so the main thread runs the task itself. It takes the function from the entry module as
 * Node loaded it: np30's deeplist failed with "has no exported function" when that was looked up in `require.main`.
 */
export interface LNode { v: number; next: LNode | null }

/** @task */
export function header(n: number): DataView { const view = new DataView(new ArrayBuffer(8)); view.setUint32(0, n * 3); return view; }

/** @task */
export function buildList(n: number): LNode | null { let h: LNode | null = null; for (let i = 0; i < n; i++) h = { v: i, next: h }; return h; }

/** @task */
export function sumList(head: LNode | null): number { let s = 0; for (let n = head; n; n = n.next) s += n.v; return s; }

const view = header(14);
console.log('header', view.getUint32(0), view.byteLength);
const built = buildList(30000);
let length = 0;
for (let n = built; n; n = n.next) length++;
console.log('built', length, sumList(built));
