// sacreBLEU's signature and score strings (sacrebleu/metrics/base.py Score.format / Signature.format,
// bleu.py BLEUSignature / BLEUScore), with Python's float formatting.
import { formatFixed, roundedFloat } from '../text/format';
import { SACREBLEU_VERSION, SMOOTH_DEFAULTS, type BleuOptions } from './options';
import type { RefCount } from './stats';

/** Optional signature entries sacreBLEU adds for significance tests (bs/ar trials, RNG seed). */
export interface SignatureExtras {
  bs?: number;
  ar?: number;
  seed?: number | string;
}

/** Abbreviations of Signature._abbr, used by the short form. */
const ABBR: Readonly<Record<string, string>> = {
  version: 'v',
  nrefs: '#',
  bs: 'bs',
  ar: 'ar',
  seed: 'rs',
  case: 'c',
  eff: 'e',
  tok: 'tok',
  smooth: 's',
  nc: 'nc',
  nw: 'nw',
  space: 's',
};

/**
 * Signature.format: global keys (nrefs, then bs/ar/seed when set), the metric's keys, version last.
 * `metricKeys` are the metric-specific pairs in order.
 */
export function formatSignature(
  nrefs: RefCount,
  metricKeys: readonly (readonly [string, string])[],
  extras: SignatureExtras = {},
  short = false,
): string {
  const pairs: [string, string][] = [['nrefs', String(nrefs)]];
  if (extras.bs !== undefined) pairs.push(['bs', String(extras.bs)]);
  if (extras.ar !== undefined) pairs.push(['ar', String(extras.ar)]);
  if (extras.seed !== undefined) pairs.push(['seed', String(extras.seed).toLowerCase()]);
  pairs.push(...metricKeys.map(([k, v]): [string, string] => [k, v]));
  pairs.push(['version', SACREBLEU_VERSION]);
  return pairs.map(([k, v]) => `${short ? (ABBR[k] ?? k) : k}:${v}`).join('|');
}

/** BLEUSignature's smooth entry: 'exp', 'none', 'floor[0.10]', 'add-k[1.00]'. */
function smoothString(o: Pick<BleuOptions, 'smoothMethod' | 'smoothValue'>): string {
  const def = SMOOTH_DEFAULTS[o.smoothMethod];
  if (def === null) return o.smoothMethod;
  return `${o.smoothMethod}[${formatFixed(o.smoothValue ?? def, 2)}]`;
}

/** sacreBLEU's BLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
export function bleuSignature(
  o: Pick<BleuOptions, 'lowercase' | 'effectiveOrder' | 'tokenize' | 'smoothMethod' | 'smoothValue'>,
  nrefs: RefCount,
  extras: SignatureExtras = {},
  short = false,
): string {
  return formatSignature(
    nrefs,
    [
      ['case', o.lowercase ? 'lc' : 'mixed'],
      ['eff', o.effectiveOrder ? 'yes' : 'no'],
      ['tok', o.tokenize],
      ['smooth', smoothString(o)],
    ],
    extras,
    short,
  );
}

/** The numbers BLEU prints after its score: precisions, BP, ratio, lengths (BLEUScore._verbose). */
export interface BleuVerboseInput {
  precisions: readonly number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

/** `82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)`. */
export function bleuVerbose(s: BleuVerboseInput): string {
  const prec = s.precisions.map((p) => formatFixed(p, 1)).join('/');
  const ratio = s.refLen ? s.sysLen / s.refLen : 0;
  return (
    `${prec} (BP = ${formatFixed(s.bp, 3)} ratio = ${formatFixed(ratio, 3)} ` +
    `hyp_len = ${s.sysLen} ref_len = ${s.refLen})`
  );
}

/** str(BLEUScore) / Score.format: `BLEU = 48.53 82.4/…` or `BLEU|<signature> = 48.53 82.4/…`. */
export function formatBleu(
  s: BleuVerboseInput & { score: number },
  opts: { signature?: string; width?: number } = {},
): string {
  const name = opts.signature ? `BLEU|${opts.signature}` : 'BLEU';
  return `${name} = ${formatFixed(s.score, opts.width ?? 2)} ${bleuVerbose(s)}`;
}

/** The object sacreBLEU's command line prints as JSON (default width 1). */
export function bleuJson(
  s: BleuVerboseInput & { score: number },
  signature: string,
  width = 1,
): Record<string, string | number> {
  const out: Record<string, string | number> = {
    name: 'BLEU',
    score: roundedFloat(s.score, width),
    signature,
    verbose_score: bleuVerbose(s),
  };
  for (const pair of signature.split('|')) {
    const [k, v] = pair.split(':');
    if (k !== undefined && v !== undefined) out[k] = v;
  }
  return out;
}
