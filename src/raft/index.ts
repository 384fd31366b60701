export { RaftLog } from './log';
export type { FollowerProgressView } from './node';
export { RaftNode } from './node';
export { majority, quorumIndex } from './quorum';
export type * from './types';
