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

/** Arrays of numbers with a property of their own, as arguments and results, short and long (another path). */
/** @task */
export function describe(xs: number[]): string {
  return `${xs.length} ${xs.reduce((a, b) => a + b, 0)} ${(xs as number[] & { label?: string }).label} ${Object.keys(xs).slice(-2).join(',')}`;
}

/** @task */
export function measured(n: number): number[] & { unit?: string } {
  return Object.assign(Array.from({ length: n }, (_, i) => i / 2), { unit: 'cm' });
}
