import { padded, refused, type Label } from './labels';

export interface Shape { area(): number; grow(by: number): void; describe(): string }

class Square implements Shape {
  constructor(public side: number) {}
  area(): number { return this.side * this.side; }
  grow(by: number): void { this.side += by; }
  describe(): string { return `square ${this.side}`; }
}

class Circle implements Shape {
  constructor(public radius: number) {}
  area(): number { return Math.round(Math.PI * this.radius * this.radius); }
  grow(by: number): void { this.radius += by; }
  describe(): string { return `circle ${this.radius}`; }
}

class ShapeError extends Error {
  code = 'E_SHAPE';
  constructor(message: string, public size: number) { super(message); this.name = 'ShapeError'; }
  hint(): string { return `${this.code}: size ${this.size} must be positive`; }
}

class Rejected { constructor(public size: number) {} twice(): number { return this.size * 2; } }

/** Not a task: the program makes its shapes with it. */
export function square(side: number): Shape { return new Square(side); }

/** @task A shape of the kind asked for, behind the interface the module exports. */
export function makeShape(kind: 'square' | 'circle', size: number): Shape {
  if (size <= 0) throw new ShapeError('no shape of that size', size);
  if (size > 100) throw new Rejected(size);
  return kind === 'square' ? new Square(size) : new Circle(size);
}

/** @task */
export function totalArea(shapes: readonly Shape[]): number {
  return shapes.reduce((sum, s) => sum + s.area(), 0);
}

/** @task */
export function growAll(shapes: Shape[], by: number): void {
  for (const s of shapes) s.grow(by);
}

/** @task Throws an object with no prototype. */
export function bare(code: number): number {
  if (code > 0) throw Object.assign(Object.create(null) as object, { code });
  return code;
}

class Tally {
  constructor(public counts: number[] = [0, 0, 0]) {}
  add(i: number): void { this.counts[i % 3]!++; }
}

/** Not a task: the program's tallies. */
export function newTally(): Tally { return new Tally(); }

/** @task A parameter of a class the module keeps to itself: the call still goes to a worker. */
export function countInto(tally: Tally, xs: readonly number[]): void {
  for (const x of xs) tally.add(x);
}

/** @task A label made by a helper module's private class, behind the interface it exports. */
export function labelFor(word: string): Label { return padded(word.toUpperCase(), word.length % 3); }

/** @task Fails with an error that holds a private class's instance. */
export function refuse(word: string): number { return word.length > 3 ? refused(word) : word.length; }
