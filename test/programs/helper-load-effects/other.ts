// A module the program loads before lib.ts: it takes the first id.
import { newId } from './ids';
export const OTHER_ID = newId('other');
