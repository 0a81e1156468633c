/** Arrays with properties besides their elements, returned by tasks: RegExp matches above all (tester #13's m15). */

/** @task */
export function find(s: string): RegExpMatchArray | null {
  return s.match(/(?<user>\w+)@(?<host>\w+)/);
}

/** @task */
export function findAll(s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const re = /(\w)(\d)/dg;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m);
  return out;
}

/** @task */
export function labelled(n: number): { rows: string[] & { source?: string; count?: number } } {
  const rows = Object.assign(Array.from({ length: n }, (_, i) => `r${i}`), { source: 'gen', count: n });
  return { rows };
}
