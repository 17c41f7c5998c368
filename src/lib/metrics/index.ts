// The public metric API: reference-exact BLEU and chrF (sacreBLEU 2.6.0), ROUGE (rouge-score 0.1.2),
// exact match and accuracy, and the statistics shared by all corpus scores.
export * from './bleu';
export * from './chrf';
export * from './rouge';
export * from './match';
export * from './stats';
