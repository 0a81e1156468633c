// This file calls no task itself: only helpers of another file, which split the loop and the callbacks in halves
// (before, the file was left as it was, and each helper waited for its task inside the call).
import { describe, summary, localSummaries } from './stats';

const groups = [[1, 2, 3], [4, 5], [6], [7, 8, 9, 10]];
for (const d of groups.map((xs, i) => describe(`g${i}`, xs))) console.log(d.name, d.total);
const lines: string[] = [];
for (const xs of groups) {
  console.log('adding', xs.length);
  lines.push(summary(`s${xs.length}`, xs));
}
console.log(lines.join('; '));
console.log(localSummaries(groups).join(' | '));
