// sacreBLEU 2.6.0 BLEU: segment → sufficient statistics, sum → score, signature and score strings.
export * from './options';
export * from './tokenizers';
export * from './stats';
export * from './score';
export * from './format';
