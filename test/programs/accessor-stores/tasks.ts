// Accessors and proxies a task writes through (np48's F1): a setter run by an assignment, Reflect.set, a for...of head
// or a destructuring target, a getter handing out the task's own list, a Proxy's trap. The caller's objects they
// store or write must come back as in the plain run: the writes are found, or the call stays direct.
export interface It { k: number; v: number; }
/** @task */ export function s1(xs: It[]): number { return JSON.stringify(xs, (_k, v) => { if (v && typeof v === 'object' && v.k === 1) v.v += 1; return v; }).length; }
/** @task */ export function s2(xs: It[]): number { const list: It[] = []; const box = { set cur(t: It) { list.push(t); } }; Reflect.set(box, 'cur', xs[2]); list[0].v += 2; return 1; }
/** @task */ export function s3(xs: It[]): number { const list: It[] = []; const mkBox = () => ({ set cur(t: It) { list.push(t); } }); const b = mkBox(); b.cur = xs[3]; list[0].v += 3; return 1; }
/** @task */ export function s4(xs: It[]): number { const list: It[] = []; class L { static set cur(t: It) { list.push(t); } } L.cur = xs[0]; list[0].v += 4; return 1; }
/** @task */ export function s5(xs: It[]): number { class Base { items: It[] = []; set cur(t: It) { this.items.push(t); } } class D extends Base { set cur(t: It) { super.cur = t; } } const d = new D(); d.cur = xs[1]; d.items[0].v += 5; return 1; }
/** @task */ export function s6(xs: It[]): number { const list: It[] = []; const box = { set cur(t: It) { list.push(t); } }; const b2 = Object.create(box) as { cur: It }; b2.cur = xs[2]; list[0].v += 6; return 1; }
/** @task */ export function s7(xs: It[]): number { const box = { set cur(t: It) { t.v += 7; } }; xs.forEach((x) => { box.cur = x; }); return 1; }
/** @task */ export function s8(xs: It[]): number { let latest: It | null = null; const box = { set cur(t: It) { latest = t; } }; box.cur = xs[3]; (latest as It | null)!.v += 8; return 1; }
/** @task */ export function s9(xs: It[]): number { const seen = new Set<It>(); const box = { set cur(t: It) { seen.add(t); } }; for (const x of xs) box.cur = x; for (const s of seen) s.v += 9; return seen.size; }
/** @task */ export function s10(xs: It[]): number { const out: It[] = []; const px = new Proxy(out, { set(t, k, v) { return Reflect.set(t, k, v); } }); px.push(xs[0]); out[0].v += 10; return out.length; }
/** @task */ export function s11(xs: It[]): number { const list: It[] = []; const box = { set cur(t: It) { list.push(t); } }; for (box.cur of xs) { /* each stored */ } list[2].v += 11; return list.length; }
/** @task */ export function s12(xs: It[]): number { const picked: It[] = []; const sel = { get list() { return picked; } }; sel.list.push(xs[1]); picked[0].v += 12; return picked.length; }
/** @task */ export function s13(xs: It[]): number { const box = { set cur(t: It) { t.v += 13; } }; [box.cur] = [xs[3]]; return 1; }
/** @task */ export function s14(xs: It[]): number { const box = { set cur(t: It) { t.v += 14; } }; box.cur = xs[0]; return 1; }
/** @task */ export function s15(xs: It[]): number { const box = { set cur(t: It) { void t.v; } }; box.cur = xs[0]; return xs.length; }
