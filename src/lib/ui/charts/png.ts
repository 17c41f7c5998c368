// PNG downloads: a chart's canvas as-is, or a heat table drawn onto a canvas (it is HTML on screen).
import { heatColor, heatInk } from './palette';
import type { HeatTableSpec } from './spec';

/** Saves a canvas as `<name>.png` through a temporary link. */
export function downloadCanvas(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}

/** Draws a heat table (title, axis labels, shaded cells with counts) onto a new canvas. */
export function heatTableCanvas(spec: HeatTableSpec): HTMLCanvasElement {
  const cell = 64;
  const head = 120;
  const top = 70;
  const canvas = document.createElement('canvas');
  canvas.width = head + cell * spec.colLabels.length + 20;
  canvas.height = top + cell * (spec.rowLabels.length + 1) + 30;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const max = Math.max(0, ...spec.cells.flat());
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1c2430';
  ctx.font = 'bold 14px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(spec.title, canvas.width / 2, 22);
  ctx.font = '12px sans-serif';
  ctx.fillText(spec.xLabel, head + (cell * spec.colLabels.length) / 2, 46);
  ctx.textAlign = 'left';
  ctx.fillText(spec.yLabel, 8, top + cell / 2);
  ctx.textAlign = 'center';
  spec.colLabels.forEach((c, j) => ctx.fillText(c, head + j * cell + cell / 2, top + cell / 2));
  spec.rowLabels.forEach((r, i) => {
    const y = top + (i + 1) * cell;
    ctx.fillStyle = '#1c2430';
    ctx.textAlign = 'right';
    ctx.fillText(r, head - 8, y + cell / 2);
    ctx.textAlign = 'center';
    spec.colLabels.forEach((_, j) => {
      const v = spec.cells[i]?.[j] ?? 0;
      ctx.fillStyle = heatColor(v, max);
      ctx.fillRect(head + j * cell, y, cell - 2, cell - 2);
      ctx.fillStyle = heatInk(v, max);
      ctx.fillText(String(v), head + j * cell + cell / 2, y + cell / 2 + 4);
    });
  });
  return canvas;
}
