/** @task */
export function smooth(img: Float64Array): Float64Array {
  const out = new Float64Array(img.length);
  for (let r = 0; r < 20; r++) for (let i = 1; i < img.length - 1; i++) out[i] = (img[i - 1] + img[i] + img[i + 1]) / 3;
  out[0] = img[0];
  out[img.length - 1] = img[img.length - 1];
  return out;
}

/** @task */
export function scale(img: Float64Array, k: number): void {
  for (let i = 0; i < img.length; i++) img[i] *= k;
}

/** @task */
export function risky(img: Float64Array, limit: number): Float64Array {
  if (img[0] > limit) throw new Error(`over ${limit}`);
  return img.map((v) => v + 1);
}

/** @task */
export function total(img: Float64Array): number {
  let s = 0;
  for (let i = 0; i < img.length; i++) s += img[i];
  return s;
}
