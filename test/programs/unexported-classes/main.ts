/**
 * Classes a task's module does not export (tester np36's hiddenret, hiddenerr, throwkinds): the plugin shares each by
 * name in every thread (transformer/rewrite/emit-module-setup.ts withClassesShared), so their instances travel as an
 * exported class's do. A task returns them behind an interface, takes them as arguments and grows them in its worker,
 * and throws them, an Error subclass keeping its methods; an object thrown with no prototype arrives with none. A task
 * whose parameter is typed with such a class is no longer kept direct (analysis/sendable.ts). A helper module whose top
 * level only declares things shares its private classes too (labels.ts: np41's F3 crashed, F4's error lost instanceof).
 */
import { bare, countInto, growAll, labelFor, makeShape, newTally, refuse, square, totalArea, type Shape } from './kernels';
import { LabelError } from './labels';

const shapes: Shape[] = [makeShape('square', 3), makeShape('circle', 2), square(4)];
console.log(shapes.map((s) => s.describe()).join(', '), totalArea(shapes));
growAll(shapes, 1);
console.log(shapes.map((s) => `${s.describe()} (${s.area()})`).join(', '), totalArea(shapes));

for (const size of [0, 101]) {
  try {
    console.log(makeShape('square', size).describe());
  } catch (e) {
    const error = e as { hint?: () => string; twice?: () => number; constructor: { name: string } };
    console.log(e instanceof Error, error.constructor.name, error.hint?.() ?? error.twice?.());
  }
}

const tallies = [newTally(), newTally()];
countInto(tallies[0]!, [1, 2, 3, 4]);
countInto(tallies[1]!, [5, 6]);
console.log(tallies.map((t) => t.counts.join('/')).join(' '), tallies[0]!.constructor.name);

try {
  bare(7);
} catch (e) {
  console.log(Object.getPrototypeOf(e), e);
}

const labels = ['ok', 'fine', 'done'].map((w) => labelFor(w));
labels[1]!.widen(2);
console.log(labels.map((l) => l.text()).join(' '), labels[0]!.constructor.name);
try {
  console.log(labelFor('much-too-long').text());
} catch (e) {
  console.log(e instanceof LabelError, (e as { limit(): string }).limit(), String(e));
}
try {
  console.log(refuse('abc'), refuse('abcdef'));
} catch (e) {
  const label = (e as { label: { text(): string } }).label;
  console.log((e as Error).message, label.constructor.name, label.text());
}
