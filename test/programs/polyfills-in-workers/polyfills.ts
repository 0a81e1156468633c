// Built-ins the program extends, in a module the tasks' module imports: it runs in every worker too.
declare global {
  interface Array<T> { total(this: number[]): number }
  interface String { titleCase(): string }
}
Object.defineProperty(Array.prototype, 'total', { value: function (this: number[]) { return this.reduce((a, b) => a + b, 0); } });
String.prototype.titleCase = function (this: string) { return this.replace(/\b\w/g, (c) => c.toUpperCase()); };
export {};
