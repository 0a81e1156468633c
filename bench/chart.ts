/**
 * The chart beside the benchmark's table: per case, each variant's time relative to the sequential program's
 * (lower is faster, 1 is sequential), drawn by vega-lite and rendered headless to SVG by vega (renderer 'none':
 * no browser, no canvas).
 */
import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };

export interface Bar {
  readonly app: string;
  readonly case: string;
  readonly variant: string;
  readonly seconds: number;
  readonly relative: number;
}

function spec(bars: readonly Bar[], apps: readonly string[], variants: readonly string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: bars as Bar[] },
    vconcat: apps.map((app) => ({
      title: { text: app, anchor: 'start' },
      transform: [{ filter: { field: 'app', equal: app } }],
      width: { step: 16 }, // one bar
      height: 220,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'case', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0, labelLimit: 140 } },
            xOffset: { field: 'variant', type: 'nominal', sort: [...variants] },
            y: { field: 'relative', type: 'quantitative', title: 'time / sequential (lower is faster)' },
            color: { field: 'variant', type: 'nominal', sort: [...variants], scale: { domain: [...variants] }, title: null },
            tooltip: [{ field: 'variant' }, { field: 'seconds', format: '.2f' }, { field: 'relative', format: '.2f' }],
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { datum: 1 } } },
      ],
    })),
    resolve: { scale: { color: 'shared' } },
    config: { legend: { orient: 'top' } },
  };
}

export async function chartSvg(bars: readonly Bar[], apps: readonly string[], variants: readonly string[]): Promise<string> {
  // Both are ES modules only; a dynamic import loads them from this CommonJS build.
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec(bars, apps, variants)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
