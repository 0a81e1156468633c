/**
 * util.inspect's defaults the program sets are those a task's console.log formats with, as of its call: all levels
 * on one line first, then two levels again.
 */
import { inspect } from 'node:util';
import { grow } from './trees';
inspect.defaultOptions.depth = null;
inspect.defaultOptions.breakLength = Infinity;
const deep = [3, 5].map((d) => grow(d));
inspect.defaultOptions.depth = 1;
const shallow = grow(4);
console.log(deep.length, shallow);
