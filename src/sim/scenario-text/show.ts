/** `show …`: the cluster's state as golden lines (state, logs, KV contents, messages). */

import { nodeName } from '../../util/node-name';
import type { NodeId } from '../index';
import { ScenarioError } from './parse';
import { commandText, endpoint, word } from './render';
import { parseNodeSet, resolveSet, type World } from './world';

function stateLine(w: World, id: NodeId): string {
  const v = w.cluster.node(id);
  if (!v.alive) return `${nodeName(id)} crashed: term ${v.term}, log ${v.log.length}`;
  const voted = v.votedFor === null ? 'none' : nodeName(v.votedFor);
  return `${nodeName(id)} ${v.role}: term ${v.term}, voted ${voted}, log ${v.log.length}, commit ${v.commitIndex}, applied ${v.lastApplied}`;
}

function logLine(w: World, id: NodeId): string {
  const v = w.cluster.node(id);
  const entries = v.log.map(
    (e) => `${e.index}@${e.term} ${commandText(e.command)}${e.index === v.commitIndex ? ' |' : ''}`,
  );
  return `${nodeName(id)} log: ${entries.length === 0 ? 'empty' : entries.join(', ')}`;
}

function kvLine(w: World, id: NodeId): string {
  const s = w.cluster.kvState(id);
  const keys = Object.keys(s).sort();
  return `${nodeName(id)} kv: ${keys.length === 0 ? 'empty' : keys.map((k) => `${word(k)}=${word(s[k])}`).join(' ')}`;
}

/** The lines `show WHAT [on NODES]` prints. */
export function show(args: readonly string[], line: number): (w: World) => string[] {
  const [what, ...rest] = args;
  const perNode = { state: stateLine, log: logLine, kv: kvLine }[what ?? ''];
  if (perNode !== undefined) {
    // `show log 2` reads better than `show log on 2`; both work.
    const set = parseNodeSet(rest.length === 1 ? ['on', rest[0]!] : rest, line);
    return (w) => resolveSet(w, set, line).map((id) => perNode(w, id));
  }
  if (what === 'inflight' && rest.length === 0) {
    return (w) => {
      const ms = w.cluster.inFlight();
      if (ms.length === 0) return ['nothing in flight'];
      return ms.map(
        (m) =>
          `#${m.id} ${endpoint(m.from)} -> ${endpoint(m.to)} ${m.type} t${m.term}, due ${m.deliverAt}${m.held ? ', held' : ''}`,
      );
    };
  }
  throw new ScenarioError(
    line,
    'expected: show state | show log [NODES] | show kv [NODES] | show inflight',
  );
}
