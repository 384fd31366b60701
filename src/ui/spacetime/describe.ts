/** A message of the space-time diagram in one sentence (its tooltip, list and detail). */
import { nodeName } from '../../util/node-name';
import { formatVirtualTime } from '../time/speed-scale';
import type { Arrow } from './model';

export function describeArrow(a: Arrow): string {
  const what = a.kind === a.type ? a.type : `${a.type} (${a.kind})`;
  const fate =
    a.endAt === null
      ? 'still in flight'
      : a.lost
        ? `lost at ${formatVirtualTime(a.endAt)}`
        : `delivered at ${formatVirtualTime(a.endAt)}`;
  return `#${a.id} ${what}, ${nodeName(a.from)} → ${nodeName(a.to)}, term ${a.term}: sent at ${formatVirtualTime(a.sentAt)}, ${fate}.`;
}
