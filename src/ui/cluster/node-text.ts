/** The words a node shows and says: its caption and its accessible name, pure. */
import type { NodeSnapshot } from '../../runtime/snapshot';
import { nodeName } from '../../util/node-name';

export function majority(size: number): number {
  return Math.floor(size / 2) + 1;
}

/** The node's term: current when alive, what is on disk when crashed. */
export function shownTerm(node: NodeSnapshot): number {
  return node.status?.term ?? node.durableTerm;
}

export function roleLetter(node: NodeSnapshot): string {
  if (node.status === null) return '✕';
  return node.status.role === 'leader' ? 'L' : node.status.role === 'candidate' ? 'C' : 'F';
}

/**
 * The caption under a node: its state in words (the name is a line of its own). When the
 * ring is crowded it is one short line with the name in it: "S3 · voted S4".
 */
export function nodeCaption(
  node: NodeSnapshot,
  size: number,
  connected: boolean,
  compact: boolean,
  stale = false,
): string {
  if (!compact) return captionDetail(node, size, connected, stale);
  const detail = shortDetail(node, size, connected, stale);
  const name = nodeName(node.id);
  return detail === '' ? name : `${name} · ${detail}`;
}

function captionDetail(node: NodeSnapshot, size: number, connected: boolean, stale: boolean) {
  const s = node.status;
  if (s === null) {
    const vote = node.durableVotedFor === null ? '' : `, voted ${nodeName(node.durableVotedFor)}`;
    return `crashed · disk t${node.durableTerm}${vote}`;
  }
  if (!connected) return `${s.role} · cut off`;
  if (s.role === 'leader') return stale ? 'stale leader' : 'leader';
  if (s.role === 'candidate') return `candidate · ${s.votesGranted.length}/${majority(size)} votes`;
  return s.votedFor === null ? 'follower' : `follower · voted ${nodeName(s.votedFor)}`;
}

function shortDetail(node: NodeSnapshot, size: number, connected: boolean, stale: boolean) {
  const s = node.status;
  if (s === null) return 'crashed';
  if (!connected) return 'cut off';
  if (s.role === 'leader') return stale ? 'stale' : 'leader';
  if (s.role === 'candidate') return `${s.votesGranted.length}/${majority(size)} votes`;
  return s.votedFor === null ? '' : `voted ${nodeName(s.votedFor)}`;
}

/**
 * "S3, leader, term 5" and what else a listener needs. A stale leader is one cut off
 * in an older term while another node leads a newer one: it does not know yet.
 */
export function nodeLabel(
  node: NodeSnapshot,
  size: number,
  connected: boolean,
  stale = false,
): string {
  const s = node.status;
  if (s === null) {
    const vote =
      node.durableVotedFor === null ? '' : `, voted for ${nodeName(node.durableVotedFor)}`;
    return `${nodeName(node.id)}, crashed, term ${node.durableTerm} on disk${vote}`;
  }
  const parts = [nodeName(node.id), s.role, `term ${s.term}`];
  if (s.role === 'candidate') parts.push(`${s.votesGranted.length} of ${majority(size)} votes`);
  else if (s.role === 'follower' && s.votedFor !== null)
    parts.push(`voted for ${nodeName(s.votedFor)}`);
  if (stale) parts.push('stale, a newer leader exists');
  parts.push(`commit ${s.commitIndex}`);
  if (!connected) parts.push('disconnected');
  return parts.join(', ');
}
