export { RaftLog } from './log';
export type { FollowerProgressView, NodeStatus } from './node';
export { RaftNode } from './node';
export { majority, quorumIndex } from './quorum';
export type * from './types';
