export namespace Geom {
  export const ORIGIN = { x: 0, y: 0 };
  export const UNCHANGED = [1, 2, 3];
}
export namespace Units.Metric {
  export const SCALE = [1, 10, 100];
}
