/** @task Fills a tile of the frame. */
export function fill(tile: Uint8Array, seed: number): void {
  let s = seed;
  for (let i = 0; i < tile.length; i++) { s = (s * 1103515245 + 12345) % 2147483648; tile[i] = s % 251; }
}
