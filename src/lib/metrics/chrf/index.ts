// sacreBLEU 2.6.0 chrF / chrF++: segment → statistics, sum → score, signature and score string.
export * from './options';
export * from './fscore';
export * from './stats';
export * from './score';
