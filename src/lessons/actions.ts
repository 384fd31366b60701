/**
 * A lesson's actions are the action table's (src/sim/interventions.ts) with nodes named
 * as the page names them: each becomes an Intervention, checked by the table, when it runs.
 */
import { type Intervention, interventionProblem } from '../sim/interventions';
import type { LessonAction } from './format';
import { type RefContext, resolveRef } from './world';

/** Fields of an action that hold a node, or groups of nodes. */
const NODE_FIELDS = ['node', 'from', 'to', 'pinnedTo'] as const;

/** The intervention for an action at a moment, or a sentence saying why it cannot run. */
export function interventionOf(
  action: LessonAction,
  ctx: RefContext & { readonly clients: readonly string[] },
): Intervention | string {
  const out: Record<string, unknown> = { ...action };
  for (const field of NODE_FIELDS) {
    if (!(field in out)) continue;
    const id = nodeId(out[field], ctx);
    if (typeof id === 'string') return `${field}: ${id}`;
    out[field] = id;
  }
  if ('groups' in out) {
    if (!Array.isArray(out.groups) || !out.groups.every(Array.isArray))
      return 'groups: a partition is a list of groups of nodes, such as [["S1", "S2"], ["S3"]]';
    const groups: number[][] = [];
    for (const group of out.groups as unknown[][]) {
      const ids: number[] = [];
      for (const ref of group) {
        const id = nodeId(ref, ctx);
        if (typeof id === 'string') return `groups: ${id}`;
        ids.push(id);
      }
      groups.push(ids);
    }
    out.groups = groups;
  }
  const intervention = out as unknown as Intervention;
  return interventionProblem(intervention, ctx.size, ctx.clients) ?? intervention;
}

function nodeId(ref: unknown, ctx: RefContext): number | string {
  if (typeof ref !== 'string' || !/^(S[1-9]|leader)$/.test(ref))
    return `${JSON.stringify(ref)} is not a node: a node is S1 … S9, or "leader"`;
  return resolveRef(ref, ctx);
}
