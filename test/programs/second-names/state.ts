export const shared = new Float64Array([1]);
export class Store { static buf = new Float64Array([1]); }
