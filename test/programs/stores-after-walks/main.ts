// The program puts an object a task still writes into a record's list (or a field, a Map, an array of records) right
// after the task, then reads or writes it through the record: the wait walking the record before the store must not
// be remembered past the store (np50's F4: `push1(r, 1); h.list.push(r); h.list[0].length` printed 1).
import { push1 } from './tasks';

function listRead() { const h = { list: [] as number[][] }; const r = [0]; push1(r, 1); h.list.push(r); console.log('list read', h.list[0].length); }
function listWhole() { const h = { list: [] as number[][] }; const r = [0]; push1(r, 1); h.list.push(r); console.log('list whole', JSON.stringify(h)); }
function listWrite() { const h = { list: [] as number[][] }; const r = [0]; push1(r, 1); h.list.push(r); h.list[0].push(9); console.log('list write', r.join(',')); }
function nested() { const h = { a: { list: [] as number[][] } }; const r = [0]; push1(r, 1); h.a.list.push(r); console.log('nested', h.a.list[0].length); }
function field() { const h = { inner: { r: [] as number[] } }; const r = [0]; push1(r, 1); h.inner.r = r; console.log('field', h.inner.r.length); }
function records() { const hs = [{ r: [] as number[] }]; const r = [0]; push1(r, 1); hs[0].r = r; console.log('records', hs[0].r.join(',')); }
function map() { const h = { m: new Map<string, number[]>() }; const r = [0]; push1(r, 1); h.m.set('r', r); console.log('map', h.m.get('r')!.length); }
function spliced() { const h = { list: [[7]] as number[][] }; const r = [0]; push1(r, 1); h.list.splice(0, 1, r); console.log('spliced', h.list[0].join(',')); }

listRead(); listWhole(); listWrite(); nested(); field(); records(); map(); spliced();
