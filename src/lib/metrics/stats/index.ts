// Statistics for corpus scores: bootstrap intervals, paired significance tests, Wilson intervals.
export * from './bootstrap';
export * from './paired';
export * from './wilson';
