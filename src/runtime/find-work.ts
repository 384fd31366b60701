/** What a finder worker does with a request (runtime/find-worker.ts; tests call it directly). */
import { tryFindSeed } from '../sim/find/find';
import { shrinkRun } from '../sim/find/shrink';
import type { FindReply, FindRequest } from './find-protocol';

/** Shrink progress is posted every this many replays. */
const PROGRESS_EVERY = 20;

export function handleFindRequest(r: FindRequest, post: (m: FindReply) => void): void {
  try {
    if (r.type === 'find') {
      for (let k = 0; k < r.seeds; k++) {
        const seed = r.first + k * r.stride;
        const run = tryFindSeed(r.bug, seed);
        if (run !== null) {
          post({ type: 'found', run });
          return;
        }
        post({ type: 'tried', seed });
      }
      post({ type: 'exhausted' });
      return;
    }
    const shrunk = shrinkRun(r.run, {
      onTest: (progress) => {
        if (progress.tests % PROGRESS_EVERY === 0) post({ type: 'shrinking', progress });
      },
    });
    post({ type: 'shrunk', ...shrunk });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
