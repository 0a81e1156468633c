/** @task The primes up to `limit`, pushed into `out`. */
export function primesUpTo(limit: number, out: number[]): void {
  for (let n = 2; n <= limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) out.push(n);
  }
}

/** @task Rows of `width` numbers, pushed into `rows`. */
export function tabulate(seed: number, count: number, width: number, rows: number[][]): void {
  let s = seed;
  for (let r = 0; r < count; r++) {
    const row: number[] = [];
    for (let c = 0; c < width; c++) { s = (s * 16807) % 2147483647; row.push(s % 100); }
    rows.push(row);
  }
}

/** @task Word counts of a text, into `counts`. */
export function countWords(text: string, repeat: number, counts: Record<string, number>): void {
  for (let i = 0; i < repeat; i++) for (const w of text.split(' ')) counts[w] = (counts[w] ?? 0) + 1;
}

/** @task Multiples of each factor below `limit`, in `out`. */
export function multiples(limit: number, factors: number[], count: number, out: number[]): void {
  for (let n = 1; n < limit; n++) if (factors.slice(0, count).some((f) => n % f === 0)) out.push(n);
}

/** @task */
export function sortDown(xs: number[]): void { xs.sort((a, b) => b - a); }
