// Chart builders: hand-worked bins, tables that carry the same numbers as the picture, error-bar data shape.
import { describe, expect, it } from 'vitest';
import {
  binLabels,
  binSeries,
  buildChartConfig,
  chartTable,
  formatValue,
  isEmptySpec,
  slugify,
  sturgesBins,
  type ChartSpec,
} from '../../src/lib/ui/charts';

describe('binSeries', () => {
  it('bins on shared edges, last bin closed (hand-worked)', () => {
    // range [0, 1], 4 bins of 0.25: 0→b0, 0.25→b1, 0.5→b2, 0.74→b2, 1→b3 (closed end).
    const { edges, counts } = binSeries([[0, 0.25, 0.5, 0.74, 1], [0.1]], 4, [0, 1]);
    expect(edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(counts).toEqual([
      [1, 1, 2, 1],
      [1, 0, 0, 0],
    ]);
  });
  it('clamps out-of-range values into the end bins and skips non-finite ones', () => {
    const { counts } = binSeries([[-5, 0.5, 7, Number.NaN, Infinity]], 2, [0, 1]);
    expect(counts).toEqual([[1, 2]]);
  });
  it('derives the range from the data and widens a constant sample', () => {
    expect(binSeries([[2, 4]], 2).edges).toEqual([2, 3, 4]);
    expect(binSeries([[3, 3, 3]], 1).edges).toEqual([2.5, 3.5]);
    expect(binSeries([[]], 3)).toEqual({ edges: [], counts: [[]] });
  });
  it("uses Sturges' rule ceil(log2 n)+1 clamped to [5, 30]", () => {
    expect(sturgesBins(1)).toBe(5);
    expect(sturgesBins(100)).toBe(8); // log2(100)=6.64 → 7 + 1
    expect(sturgesBins(1e12)).toBe(30);
  });
  it('labels bins half-open except the last', () => {
    expect(binLabels([0, 0.5, 1], 2)).toEqual(['[0, 0.5)', '[0.5, 1]']);
  });
});

describe('chartTable', () => {
  it('lists interval bars with value, low and high per series', () => {
    const spec: ChartSpec = {
      kind: 'interval-bar',
      title: 'Win rate',
      xLabel: 'Slice',
      yLabel: 'Win rate',
      percent: true,
      digits: 3,
      intervalLabel: '95% CI',
      categories: ['all', 'code'],
      series: [{ label: 'ft', points: [{ value: 0.625, low: 0.5, high: 0.75 }, null] }],
    };
    const t = chartTable(spec);
    expect(t.columns).toEqual(['Slice', 'ft', 'ft 95% CI low', 'ft high']);
    expect(t.rows).toEqual([
      ['all', '62.5%', '50.0%', '75.0%'],
      ['code', '–', '–', '–'],
    ]);
  });
  it('gives histogram counts per bin, matching binSeries', () => {
    const t = chartTable({
      kind: 'histogram',
      title: 'BLEU',
      xLabel: 'score',
      yLabel: 'rows',
      digits: 1,
      bins: 2,
      range: [0, 10],
      series: [
        { label: 'a', values: [1, 2, 9] },
        { label: 'b', values: [6] },
      ],
    });
    expect(t.rows).toEqual([
      ['[0, 5)', '2', '0'],
      ['[5, 10]', '1', '1'],
    ]);
  });
  it('writes heat-table cells and scatter points', () => {
    const heat = chartTable({
      kind: 'heat-table',
      title: 'Judge vs human',
      xLabel: 'Judge',
      yLabel: 'Human',
      rowLabels: ['A', 'B'],
      colLabels: ['A', 'B'],
      cells: [
        [3, 1],
        [0, 2],
      ],
    });
    expect(heat.rows).toEqual([
      ['A', '3', '1'],
      ['B', '0', '2'],
    ]);
    const sc = chartTable({
      kind: 'scatter',
      title: 's',
      xLabel: 'len',
      yLabel: 'score',
      digits: 1,
      series: [{ label: 'ft', points: [{ x: 10, y: 0.25, label: 'r1' }] }],
    });
    expect(sc.rows).toEqual([['ft', 'r1', '10.0', '0.3']]);
  });
});

describe('buildChartConfig', () => {
  const base = { title: 'T', xLabel: 'X', yLabel: 'Y' };
  it('has a title, axis titles and a legend', () => {
    const c = buildChartConfig({
      ...base,
      kind: 'bar',
      categories: ['a'],
      series: [{ label: 's', values: [1] }],
    });
    expect(c?.type).toBe('bar');
    const o = c?.options as {
      plugins: { title: { text: string }; legend: { display: boolean } };
      scales: Record<string, { title: { text: string } }>;
    };
    expect(o.plugins.title.text).toBe('T');
    expect(o.plugins.legend.display).toBe(true);
    expect(o.scales['x']?.title.text).toBe('X');
    expect(o.scales['y']?.title.text).toBe('Y');
  });
  it('feeds the error-bar plugin {y, yMin, yMax} (vertical) and {x, xMin, xMax} (horizontal)', () => {
    const spec = {
      ...base,
      kind: 'interval-bar' as const,
      intervalLabel: 'CI',
      categories: ['a', 'b'],
      series: [{ label: 's', points: [{ value: 0.5, low: 0.4, high: 0.6 }, null] }],
    };
    const v = buildChartConfig(spec);
    expect(v?.type).toBe('barWithErrorBars');
    expect(v?.data.datasets[0]?.data[0]).toEqual({ y: 0.5, yMin: 0.4, yMax: 0.6 });
    expect(Number.isNaN((v?.data.datasets[0]?.data[1] as { y: number }).y)).toBe(true);
    const h = buildChartConfig({ ...spec, horizontal: true });
    expect(h?.data.datasets[0]?.data[0]).toEqual({ x: 0.5, xMin: 0.4, xMax: 0.6 });
    expect((h?.options as { indexAxis: string }).indexAxis).toBe('y');
  });
  it('normalises stacked bars to shares of each category', () => {
    const c = buildChartConfig({
      ...base,
      kind: 'stacked-bar',
      normalize: true,
      categories: ['ft', 'base'],
      series: [
        { label: 'win', values: [3, 1] },
        { label: 'loss', values: [1, 0] },
      ],
    });
    expect(c?.data.datasets.map((d) => d.data)).toEqual([
      [0.75, 1],
      [0.25, 0],
    ]);
    expect((c?.options as { scales: { x: { stacked: boolean } } }).scales.x.stacked).toBe(true);
  });
  it('returns null for heat tables (drawn as HTML)', () => {
    expect(
      buildChartConfig({ ...base, kind: 'heat-table', rowLabels: ['a'], colLabels: ['b'], cells: [[1]] }),
    ).toBeNull();
  });
});

describe('helpers', () => {
  it('formats values and slugs', () => {
    expect(formatValue(0.12345, {})).toBe('0.123');
    expect(formatValue(0.5, { percent: true, digits: 3 })).toBe('50.0%');
    expect(formatValue(null, {})).toBe('–');
    expect(slugify('Win rate: ft vs base!')).toBe('win-rate-ft-vs-base');
  });
  it('detects empty specs', () => {
    expect(
      isEmptySpec({
        kind: 'bar',
        title: '',
        xLabel: '',
        yLabel: '',
        categories: ['a'],
        series: [{ label: 's', values: [null] }],
      }),
    ).toBe(true);
    expect(
      isEmptySpec({
        kind: 'scatter',
        title: '',
        xLabel: '',
        yLabel: '',
        series: [{ label: 's', points: [{ x: 1, y: 2 }] }],
      }),
    ).toBe(false);
  });
});
