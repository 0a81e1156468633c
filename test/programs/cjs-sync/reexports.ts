/** Tasks reached through a re-export under another name. */
export { total as sumOf, makeRange as rangeOf } from './kernels';
