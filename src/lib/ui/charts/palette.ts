// Colour-blind-safe series colours (Okabe & Ito 2008), first one the app accent, so charts match src/app.css.

/** Series colours in order. */
export const SERIES_COLORS = [
  '#1f4e79',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
];

/** Colour of the i-th series, cycling. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? '#1f4e79';
}

/** The same colour with alpha, for fills (hex #rrggbb in, rgba() out). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Heat-table cell shade: white at 0, the accent at the maximum (linear in count/max). */
export function heatColor(value: number, max: number): string {
  const t = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return withAlpha('#1f4e79', 0.08 + 0.82 * t);
}

/** Text colour readable on heatColor(value, max). */
export function heatInk(value: number, max: number): string {
  return max > 0 && value / max > 0.5 ? '#ffffff' : '#1c2430';
}
