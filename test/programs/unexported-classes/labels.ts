/**
 * A helper module with no task, whose top level only declares things: its classes stay private, the program reaches
 * them through an interface and a base class it exports (tester np41's F3, F4).
 */
export interface Label { text(): string; widen(by: number): void }

class PaddedLabel implements Label {
  constructor(public body: string, public pad: number) {}
  text(): string { return `[${' '.repeat(this.pad)}${this.body}${' '.repeat(this.pad)}]`; }
  widen(by: number): void { this.pad += by; }
}

export class LabelError extends Error {}

class TooLong extends LabelError {
  constructor(public length: number) { super(`label of ${length} characters`); this.name = 'TooLong'; }
  limit(): string { return `${this.length} > 8`; }
}

export function padded(body: string, pad: number): Label {
  if (body.length > 8) throw new TooLong(body.length);
  return new PaddedLabel(body, pad);
}

/** An error carrying one of the module's private instances (`e.label.text()` in the catch). */
export function refused(body: string): never {
  throw Object.assign(new LabelError(`refused ${body}`), { label: new PaddedLabel(body, 1) });
}
