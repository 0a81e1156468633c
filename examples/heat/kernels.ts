/**
 * Heat diffusion on a plate (a Jacobi stencil), split into horizontal strips. A strip is (rows + 2) × cols
 * values, row-major: rows 1..rows are its own, row 0 and row rows+1 are copies of its neighbours' edge rows
 * (halos). Both kernels update their arguments in place.
 */

/**
 * Copy each strip's edge row into the other's halo: upper's last row becomes lower's top halo, lower's first
 * row becomes upper's bottom halo.
 * @task
 */
export function exchangeHalos(upper: Float64Array, lower: Float64Array, cols: number): void {
  const upperRows = upper.length / cols - 2;
  lower.set(upper.subarray(upperRows * cols, (upperRows + 1) * cols), 0);
  upper.set(lower.subarray(cols, 2 * cols), (upperRows + 1) * cols);
}

/**
 * One Jacobi step on the strip's own rows: each value becomes the mean of its four neighbours. The plate's left
 * and right edges stay fixed.
 * @task
 */
export function relax(strip: Float64Array, cols: number): void {
  const rows = strip.length / cols - 2;
  const previous = strip.slice(0, (rows + 2) * cols);
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c < cols - 1; c++) {
      const at = r * cols + c;
      strip[at] = 0.25 * (previous[at - cols] + previous[at + cols] + previous[at - 1] + previous[at + 1]);
    }
  }
}
