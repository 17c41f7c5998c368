// Small display formatters shared by the start screen and data views.

/** 1536 → "1.5 KB"; binary units, one decimal past KB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 12345 → "12,345" (en-US grouping, independent of the browser locale so tests and screenshots agree). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A timestamp as a short local date and time. */
export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
