import { countMatches, firstAfter, parse, patternOf, score, value, type Rule } from './kernels';

const xs = ['a=1', 'b=2', 'c=3'].map((s) => value(s));
console.log('values', xs, parse('d=4'));

const text = 'the cat sat on the mat with another cat';
const cats = /cat/g;
const ats = /at\b/g;
const nCats = countMatches(cats, text);
const nAts = countMatches(ats, text);
console.log('count', nCats, nAts, cats.lastIndex, ats.lastIndex);

const g = /\w+at/g;
const first = firstAfter(g, text);
console.log('first', first, g.lastIndex);
const second = firstAfter(g, text);
console.log('second', second, g.lastIndex);

const rules: Rule[] = [
  { name: 'cat', re: /cat/i, weight: 2 },
  { name: 'dog', re: /dog/, weight: 5 },
  { name: 'mat', re: /m.t$/, weight: 1 },
];
const s1 = score(rules, text);
const s2 = score(rules, 'Cat and dog');
console.log('score', s1, s2, rules.map((r) => r.re.lastIndex).join(','));

const p = patternOf(['cat', 'mat']);
console.log('pattern', p.source, p.flags, p instanceof RegExp, text.replace(p, (w) => w.toUpperCase()));
console.log('again', p.exec(text)?.index, p.lastIndex, p.exec(text)?.index, p.lastIndex);
