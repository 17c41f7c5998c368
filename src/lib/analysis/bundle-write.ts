// `bundle-open` in the analysis worker: validate the bundle (openBundleSource, as `bundle-restore`), then write it
// with writeRestored() over the worker's own Dexie connection, in one transaction (a failed write changes nothing),
// and answer only the new project's id. The page never receives, clones or stores the records itself.
import { YardstickError } from '../core/errors';
import { writeRestored } from '../db/write-restored';
import { openBundleSource } from './bundle-open';
import { errorAnswer, type AnalysisState } from './handler';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

/** Opens and stores a bundle; never rejects: a refusal is an ok:false outcome, a failed write an `error` answer. */
export async function handleBundleOpen(
  req: Extract<AnalysisRequest, { type: 'bundle-open' }>,
  state: AnalysisState,
): Promise<AnalysisResponse> {
  try {
    const opened = openBundleSource(req.source);
    if (!opened.ok) return { type: 'bundle-open', id: req.id, outcome: opened };
    if (!state.db)
      throw new YardstickError('no-database', 'The analysis worker has no database to write to.');
    const projectId = await writeRestored(state.db(), opened.bundle, req.options);
    return {
      type: 'bundle-open',
      id: req.id,
      outcome: { ok: true, projectId, name: opened.bundle.project.name },
    };
  } catch (e) {
    return errorAnswer(req.id, e);
  }
}
