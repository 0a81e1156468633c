/** @task */
export function bytes(n: number): ArrayBuffer { return new Uint8Array(n).fill(7).buffer; }

/** @task */
export function header(n: number): { size: number; view: DataView } {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, n);
  return { size: 4, view };
}

/** @task */
export function filled(n: number): Uint8Array { return new Uint8Array(n).fill(3); }
