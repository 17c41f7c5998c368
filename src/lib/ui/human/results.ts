// The Results and Agreement tabs' data. The computation is pure ratings code (src/lib/ratings/session-results.ts),
// run in the analysis worker; this re-export keeps the UI's import path.
export { sessionResults, type SessionResults } from '../../ratings/session-results';
