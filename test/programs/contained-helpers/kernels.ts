export interface Grid { cells: Int8Array; width: number; label: string }

/** @task */
export function countLive(grid: Grid): number {
  let live = 0;
  for (let round = 0; round < 200; round++) for (let i = 0; i < grid.cells.length; i++) live += grid.cells[i] > 0 ? 1 : 0;
  return live / 200;
}

/** @task */
export function flip(cells: Int8Array, times: number): void {
  if (times < 0) throw new RangeError(`times must not be negative: ${times}`);
  for (let t = 0; t < times; t++) for (let i = 0; i < cells.length; i++) cells[i] = cells[i] > 0 ? 0 : 1;
}
