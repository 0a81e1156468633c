import { norm1 } from './ops';

/** A default literal whose method hands `this` to a function that changes it (rv73's r-table-this). */
const byLength = (a: Float64Array) => a.length * 2;
export default {
  measure: norm1,
  useLength() {
    swap(this);
  },
};
function swap(t: { measure: (a: Float64Array) => number }) { t.measure = byLength; }
