/**
 * Direction inference on writes a function undoes before it returns (analysis/undone-writes.ts): lodash's getRawTag
 * masks an object's Symbol.toStringTag and puts it back as it was, so the object is only read. Every variation that
 * may leave the object changed (no own-ness check, code between that may throw, another slot, a flag set elsewhere)
 * is still a write.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const PRELUDE = `
var objectProto = Object.prototype;
var hasOwnProperty = objectProto.hasOwnProperty;
var nativeObjectToString = objectProto.toString;
var symToStringTag: any = typeof Symbol == 'function' ? Symbol.toStringTag : undefined;
function describe(v: any) { return String(v.length); }
`;

/** getRawTag's body with parts replaced: \`between\` runs after the mask, \`restore\` puts the slot back. */
const rawTag = (name: string, { between = 'var result = nativeObjectToString.call(value);', restore = 'if (isOwn) { value[symToStringTag] = tag; } else { delete value[symToStringTag]; }', before = '' } = {}) => `
function ${name}(value: any) {
  var isOwn = hasOwnProperty.call(value, symToStringTag), tag = value[symToStringTag];
  ${before}
  try {
    value[symToStringTag] = undefined;
    var unmasked = true;
  } catch (e) {}
  ${between}
  if (unmasked) {
    ${restore}
  }
  return result;
}`;

test('a slot masked and put back as it was (lodash getRawTag) is no write, also through callers', () => {
  const found = directions(task('a: object, b: object', 'return getRawTag(a) + baseGetTag(b);', `${PRELUDE}${rawTag('getRawTag')}
function baseGetTag(value: any) { return symToStringTag in Object(value) ? getRawTag(value) : nativeObjectToString.call(value); }`));
  assert.match(found.a, /^in:/, found.a);
  assert.match(found.b, /^in:/, found.b);
});

test('the put-back without a flag, with Object.hasOwn and the branches swapped, is no write either', () => {
  const found = directions(task('a: { k?: number }', `
  const isOwn = Object.hasOwn(a, 'k');
  const saved = a['k'];
  a.k = 0;
  const shown = Object.prototype.toString.call(a);
  if (!isOwn) delete a.k; else a.k = saved;
  return shown;`, ''));
  assert.match(found.a, /^in:/, found.a);
});

test('a mask that may stay is a write: no own-ness check, other code between, another slot, a flag set elsewhere', () => {
  const cases: Record<string, string> = {
    // Restoring an inherited slot as an own one changes the object.
    noOwnCheck: rawTag('f', { restore: 'value[symToStringTag] = tag;' }),
    // The own branch alone: a slot that was not own stays masked.
    ownBranchOnly: rawTag('f', { restore: 'if (isOwn) { value[symToStringTag] = tag; }' }),
    // A call of the program between may throw, and the put-back is skipped.
    programCallBetween: rawTag('f', { between: 'var result = describe(value);' }),
    // Puts back another slot.
    otherSlot: rawTag('f', { restore: "if (isOwn) { value[symToStringTag] = tag; } else { delete value['other']; }" }),
    // The flag is true before the mask when this runs first.
    flagSetBefore: rawTag('f', { before: 'unmasked = true;' }),
  };
  for (const [label, helper] of Object.entries(cases)) {
    const found = directions(task('a: object', 'return f(a);', `${PRELUDE}${helper}`));
    assert.match(found.a, /^inout:.*(writes an element|deletes a property)/, `${label}: ${found.a}`);
  }
});

test('a parameter the function reassigns is not the object it put back', () => {
  const found = directions(task('a: any, b: any', `
  const isOwn = Object.hasOwn(a, 'k');
  const saved = a.k;
  if (b) a = b;
  a.k = 0;
  if (isOwn) a.k = saved; else delete a.k;`, ''));
  assert.match(found.b, /^inout:/, found.b);
});

test('a name read between mask and put-back that may throw (declared nowhere) leaves the mask: a write', () => {
  const lib = `
var hasOwnProperty = Object.prototype.hasOwnProperty;
export function f(value) {
  var isOwn = hasOwnProperty.call(value, 'k'), tag = value['k'];
  try { value['k'] = undefined; var unmasked = true; } catch (e) {}
  var result = notDeclaredAnywhere;
  if (unmasked) { if (isOwn) { value['k'] = tag; } else { delete value['k']; } }
  return result;
}
export function g(value) {
  var isOwn = hasOwnProperty.call(value, 'k'), tag = value['k'];
  try { value['k'] = undefined; var unmasked = true; } catch (e) {}
  var result = tag;
  if (unmasked) { if (isOwn) { value['k'] = tag; } else { delete value['k']; } }
  return result;
}`;
  const found = directions({ 'lib.js': lib, ...task('a: object, b: object', 'return f(a) || g(b);', "import { f, g } from './lib.js';") });
  assert.match(found.a, /^inout:/, found.a);
  assert.match(found.b, /^in:/, found.b);
});

test.run();
