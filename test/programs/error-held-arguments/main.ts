// An error a task throws that holds its argument (`{ cause: it }`, a field `item`) or a part of one holds the caller's
// own object, as in the plain program (tester #14's F14), in workers and inline.
import { validate, validateAll, markThenFail, Item, ItemError } from './kernels';

const items: Item[] = [{ id: 1, tags: ['a'] }, { id: 2, tags: [] }, { id: -3, tags: ['x'] }, { id: 13, tags: ['y'] }];
for (const it of items) {
  try { console.log('ok', validate(it)); }
  catch (e: any) {
    const ref = e instanceof ItemError ? e.item : e.cause;
    console.log(e.name, e.message, ref === it, ref.id, Object.keys(e).join(','));
    ref.tags.push('seen');
  }
}
console.log(items.map((i) => i.tags.join('+')).join(' '));

try { validateAll(items); } catch (e) { if (e instanceof ItemError) { console.log('part', e.item === items[3]); e.item.id = 14; } }
console.log(items[3].id);

const m: Item = { id: 5, tags: [] };
try { markThenFail(m); } catch (e: any) { console.log('written then thrown', e.where === m.tags, e.where.join(','), m.tags.length); }
