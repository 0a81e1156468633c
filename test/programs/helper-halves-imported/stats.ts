// Helpers exported from the file that declares the task: a function declaration and an `export const` arrow.
/** @task */
export function total(xs: number[]): number { let s = 0; for (const x of xs) s += x; return s; }

export function describe(name: string, xs: number[]) { return { name, total: total(xs) }; }

export const summary = (name: string, xs: number[]) => {
  const n = xs.length;
  console.log(`summary of ${name}`);
  return `${name}: ${total(xs)} over ${n}`;
};

// The same file's own callback splits at its exported const helper too.
export const localSummaries = (groups: number[][]) => groups.map((xs, i) => summary(`local${i}`, xs));
