// Elements of an array mapped to task calls (`await Promise.all(docs.map((d) => score(d)))`, tester #13's s04):
// the mapped array holds the calls' Promises or Futures, none of the elements, so the array stays a container the
// plan follows, and the calls run in workers; reads after the await see what the tasks wrote.
import { score, measure, grow, same, weigh, Doc } from './kernels';

async function main(): Promise<void> {
  const docs: Doc[] = [1, 2, 3].map((v) => ({ v, words: [] }));
  await Promise.all(docs.map((d) => score(d)));
  console.log('all scored', docs.map((d) => `${d.v}/${d.words.length}`).join(' '));
  await score(docs[0]);
  console.log('first again', docs[0].v);
  const sizes = await Promise.all(docs.map((d) => { return measure(d); }));
  console.log('measured', sizes.join(' '));
  const totals = docs.map((d) => grow(d));
  console.log('grown', docs[1].v, totals.join(' '));
  docs[2].v = 100;
  await score(docs[2]);
  console.log('after the program wrote one', docs.map((d) => d.v).join(' '));

  // Mapped before the array grows: the new element is no task's.
  const more: Doc[] = [{ v: 5, words: ['a'] }];
  const ps = more.map((d) => score(d));
  more.push({ v: 7, words: [] });
  await Promise.all(ps);
  console.log('grown array', more.map((d) => d.v).join(' '), more[0].words.join(','));

  // A task handing its argument back: the mapped array holds the elements themselves.
  const kept: Doc[] = [{ v: 1, words: [] }, { v: 2, words: [] }];
  const back = kept.map((d) => same(d));
  back[0].v = -1;
  console.log('handed back', kept[0].v, back[1] === kept[1]);

  // Another argument beside the element, and the array read later in a map's callback (which runs where it stands,
  // not while main awaits): both as they were at the calls.
  const weights = [2, 3];
  const weighed = await Promise.all(kept.map((d) => weigh(d, weights)));
  console.log('weighed', kept.map((d, i) => `${d.v}:${weighed[i]}`).join(' '));
  // A timer that changes the array while main awaits: the calls read it after their own await, so they stay direct.
  const watched: Doc[] = [{ v: 3, words: [] }, { v: 4, words: ['w'] }];
  setTimeout(() => { watched[1].v = 40; }, 5);
  console.log('watched', (await Promise.all(watched.map((d) => weigh(d, weights)))).join(' '));
}

main();
