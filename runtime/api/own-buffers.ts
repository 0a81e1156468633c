/**
 * New typed arrays in a version the main thread reads (copy-back.ts adopt) are views on the file's buffer; each gets
 * memory of its own, but views that were of one buffer in the task stay views of one buffer (tester #13's m36: a task
 * returning `{ all, head: all.subarray(0, 2) }`, then `r.head[0] = 7` must change `r.all[0]`). The decoder says which
 * region each view came from (value.fbs: views of one buffer share a region). A region that also holds a view the
 * caller already has (a task setting `h.view = h.buf.subarray(1, 3)` on the caller's `h.buf`) puts the new views on
 * the caller's buffer; a region of new views only is copied once, into one new buffer they all view: the whole buffer
 * the task made, when the file carries it (a view keeps its offset, and the bytes around it), else the bytes they cover.
 */
type View = ArrayBufferView & { readonly constructor: { BYTES_PER_ELEMENT?: number } };

/** A decoded view in a region and the caller's view it became. */
export type Anchor = readonly [decoded: ArrayBufferView, target: ArrayBufferView];

/** What each of `views` (new, decoded) becomes, on memory of its own. */
export function ownBuffers(views: readonly ArrayBufferView[], regions: ReadonlyMap<object, number> | undefined,
  anchors: ReadonlyMap<number, Anchor>, wholes?: ReadonlyMap<number, Uint8Array>): Map<object, ArrayBufferView> {
  const out = new Map<object, ArrayBufferView>();
  const byRegion = new Map<number, ArrayBufferView[]>();
  for (const view of views) {
    const region = regions?.get(view);
    if (region === undefined) { out.set(view, copyOf(view)); continue; }
    let group = byRegion.get(region);
    if (!group) byRegion.set(region, group = []);
    group.push(view);
  }
  for (const [region, group] of byRegion) {
    const anchor = anchors.get(region);
    const rest = anchor ? group.filter((view) => !onCaller(view, anchor, out)) : group;
    const whole = wholes?.get(region);
    if (rest.length > 0 && whole) wholeCopy(rest, whole, out);
    else if (rest.length > 0) shareOne(rest, out);
  }
  return out;
}

/** The view made on the caller's buffer at the place it had in the task's, when it fits there. */
function onCaller(view: ArrayBufferView, [decoded, target]: Anchor, out: Map<object, ArrayBufferView>): boolean {
  const offset = target.byteOffset + (view.byteOffset - decoded.byteOffset);
  const size = (view as View).constructor.BYTES_PER_ELEMENT ?? 1;
  if (offset < 0 || offset + view.byteLength > target.buffer.byteLength || offset % size !== 0) return false;
  out.set(view, like(view, target.buffer, offset));
  return true;
}

/** Views of one region: its bytes copied once (from an 8-aligned start, so every view stays aligned), all on them. */
function shareOne(group: readonly ArrayBufferView[], out: Map<object, ArrayBufferView>): void {
  let start = Infinity;
  let end = 0;
  for (const view of group) { start = Math.min(start, view.byteOffset); end = Math.max(end, view.byteOffset + view.byteLength); }
  start -= start % 8;
  const source = group[0]!.buffer;
  const buffer = new ArrayBuffer(end - start);
  new Uint8Array(buffer).set(new Uint8Array(source, start, end - start));
  for (const view of group) out.set(view, like(view, buffer, view.byteOffset - start));
}

/** Views of a whole buffer the task made: a copy of that buffer, each view at the place it had in it. */
function wholeCopy(group: readonly ArrayBufferView[], whole: Uint8Array, out: Map<object, ArrayBufferView>): void {
  const buffer = new ArrayBuffer(whole.byteLength);
  new Uint8Array(buffer).set(whole);
  for (const view of group) out.set(view, like(view, buffer, view.byteOffset - whole.byteOffset));
}

function like(view: ArrayBufferView, buffer: ArrayBufferLike, byteOffset: number): ArrayBufferView {
  if (Buffer.isBuffer(view)) return Buffer.from(buffer, byteOffset, view.byteLength);
  const C = view.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;
  return new C(buffer, byteOffset, view.byteLength / ((view as View).constructor.BYTES_PER_ELEMENT ?? 1));
}

function copyOf(view: ArrayBufferView): ArrayBufferView {
  return like(view, new Uint8Array(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)).buffer, 0);
}
