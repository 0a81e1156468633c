/**
 * An object's last use where it becomes part of another (`const holder = { list: [c, d] }`, `const pair = [a, b]`):
 * nothing names it afterwards, so a wait there lets the calls before it run as tasks (tester np31's propsorder kept
 * them direct: "used as a whole value"). In a loop the same use is no last one.
 */
/** @task */
export function bump(o: { v: number }, k: number): void { o.v += k; }
const REG: { v: number }[] = [];
function run() {
  const a = { v: 1 };
  const b = { v: 2 };
  bump(a, 1);
  bump(b, 2);
  const pair = [a, b];
  REG.push(...pair);
  const show = () => pair.map((p) => p.v).join(',');
  console.log(show());
}
run();
const c = { v: 5 };
const d = { v: 6 };
bump(c, 1);
bump(d, 1);
const holder = { list: [c, d], n: 2 };
bump(holder.list[0], 10);
console.log(JSON.stringify(holder), REG.map((r) => r.v).join(' '));
const e = { v: 7 };
for (let i = 0; i < 2; i++) { bump(e, i); const h = { e }; console.log(h.e.v); }
