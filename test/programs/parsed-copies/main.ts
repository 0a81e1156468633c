// `JSON.parse(text)` makes a fresh object: a task writing such a copy is followed by name like `{}` would be, not
// fenced as a value typed `any` (which may be anything, so every read of the file's other objects would look at it:
// np53's p26 kept its pairwise reduction sequential because of one such copy further down).
import { count, mergeInto, top } from './kernels';

const lines = [
  'It was the best of times, it was the worst of times,',
  'it was the age of wisdom, it was the age of foolishness,',
  'it was the epoch of belief, it was the epoch of incredulity,',
  'it was the season of Light, it was the season of Darkness,',
  "it's the spring of hope, it was the winter of despair.",
];
const partials = lines.map((line) => count(line));
let level = partials;
while (level.length > 1) {
  const next: Record<string, number>[] = [];
  for (let i = 0; i < level.length; i += 2) {
    if (i + 1 < level.length) mergeInto(level[i], level[i + 1]);
    next.push(level[i]);
  }
  level = next;
}
const total = level[0];
for (const [w, c] of top(total, 4)) console.log(w.padEnd(6), c);
const copy = JSON.parse(JSON.stringify(total));
mergeInto(copy, { was: 100 });
console.log(copy.was, total.was, Object.keys(copy).length);
// A reviver may hand back any object: that value is not fresh (its call is fenced, in this function's own region).
function revive(): void {
  const revived = JSON.parse('{"a":{"n":1}}', (k, v) => (k === 'a' ? total : v));
  mergeInto(revived.a, { best: 5 });
  console.log(total.best, revived.a === total);
}
revive();
