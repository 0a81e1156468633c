/** A class exported by a module that runs code when imported: a worker must not import it (it would run again). */
export class Rect { constructor(public w: number, public h: number) {} }
console.log('shapes module loaded');
