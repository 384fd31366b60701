/**
 * A worker of the failure finder: searches its share of the seeds in process (the whole
 * simulated cluster, no node workers), or shrinks the run it is given. The page stops it
 * by terminating it: the search is one synchronous loop.
 */
import type { FindReply, FindRequest } from './find-protocol';
import { handleFindRequest } from './find-work';

const post = (m: FindReply) =>
  (globalThis as unknown as { postMessage(m: FindReply): void }).postMessage(m);

globalThis.addEventListener('message', (event: MessageEvent<FindRequest>) =>
  handleFindRequest(event.data, post),
);
