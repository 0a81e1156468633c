// A store into an array through another name for it (a loop's element, `const row = grid[1]`, a Map's value): a
// task's value put there must be waited for where the array is read by its first name (np51's F1 printed
// `[object taskify.Future]1`), and an object of the caller's a task hands back, put there, must see the writes of a
// task given the first name (np51's F2 printed the old quantity).
import { first, restock, score, type Item } from './tasks';

function loopElements() { const groups = [[1, 2], [3]]; for (const g of groups) g.push(score(g)); console.log('loop elements', groups[0][2] + 1, groups.flat().join(',')); }
function namedRow() { const grid: number[][] = [[], []]; const row = grid[1]; row.push(score([1])); console.log('named row', grid[1][0] + 1); }
function indexStore() { const grid = [[0]]; const row = grid[0]; row[0] = score([1]); console.log('index store', grid[0][0] + 1); }
function mapValue() { const m = new Map([['k', [0]]]); const l = m.get('k')!; l[0] = score([1, 2]); console.log('map value', m.get('k')![0] + 1); }
function recordField() { const rec: Record<string, number[]> = { a: [] }; const a = rec.a; a.push(score([5])); console.log('record field', rec['a'][0] * 2); }

const stock = (): Item[] => [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 10 }];
function handedBack() {
  const inv = stock();
  const picks: Item[] = [];
  picks.push(first(inv));
  restock(picks, 5);
  console.log('handed back', inv[0].qty);
  const copy = inv.slice(); // inv escapes afterwards: the plan does not follow it
  console.log(copy.length);
}
function handedBackPerRow() {
  const inv = stock();
  const picks: Item[][] = [[], []];
  for (const p of picks) p.push(first(inv));
  restock(picks[1], 5);
  console.log('handed back per row', inv[0].qty, picks[0][0].qty, picks[0][0] === inv[0]);
}

loopElements(); namedRow(); indexStore(); mapValue(); recordField(); handedBack(); handedBackPerRow();
