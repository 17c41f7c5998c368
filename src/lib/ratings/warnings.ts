// Small-n cautions: say plainly when a result cannot support a conclusion ("5/5 passes proves little").
import type { Interval } from '../core/types';
import type { StatWarning } from './types';

/** Below this many items a result is flagged as too small to conclude anything. */
export const MIN_ITEMS = 10;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Warnings shared by every rate-like result: no data, few items, an interval that contains the null value. */
export function sampleWarnings(
  items: number,
  interval: Interval | null,
  nullValue: number,
  what: string,
): StatWarning[] {
  const out: StatWarning[] = [];
  if (items === 0) return [{ code: 'no-data', message: `No ${what} yet.` }];
  if (items < MIN_ITEMS)
    out.push({
      code: 'small-n',
      message: `Only ${items} item${items === 1 ? '' : 's'}: too few to conclude anything (aim for ${MIN_ITEMS}+, ideally 100+).`,
    });
  if (interval && interval.low <= nullValue && interval.high >= nullValue) {
    const shown = nullValue === 0.5 ? '50%' : String(nullValue);
    const range =
      nullValue === 0.5
        ? `${pct(interval.low)}–${pct(interval.high)}`
        : `${interval.low.toFixed(2)} to ${interval.high.toFixed(2)}`;
    out.push({
      code: 'spans-half',
      message: `The ${Math.round(interval.level * 100)}% interval (${range}) includes ${shown}: no detectable difference at this sample size.`,
    });
  }
  return out;
}

/** Warnings for a pairwise win-rate summary. */
export function winRateWarnings(s: {
  items: number;
  interval: Interval | null;
  itemCounts: { wins: number; losses: number; ties: number };
  signTestP: number | null;
}): StatWarning[] {
  const out = sampleWarnings(s.items, s.interval, 0.5, 'judgments');
  if (s.items > 0 && s.itemCounts.wins + s.itemCounts.losses === 0)
    out.push({
      code: 'all-ties',
      message: 'Every item is a tie: the no-tie win rate and sign test are undefined.',
    });
  else if (s.signTestP !== null && s.signTestP >= 0.05)
    out.push({
      code: 'not-significant',
      message: `Sign test p = ${s.signTestP.toPrecision(2)} ≥ 0.05: wins and losses are compatible with a coin flip.`,
    });
  return out;
}
