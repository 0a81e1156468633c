import { norm1 } from './ops';

/** A default literal another module changes (tune.ts). */
export default { measure: norm1 };
