import { norm1 } from './ops';

/** A table another module changes: calls through it run whatever it holds then. */
export const Tools = { measure: norm1 };
