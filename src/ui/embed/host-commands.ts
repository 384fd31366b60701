/**
 * Reads a message from the host page: untrusted input. A message is either a command this
 * app can carry out, or a sentence saying what is wrong with it (answered as an error).
 */
import { z } from 'zod';
import { PANEL_NAMES } from '../../embed/panels';
import { type HostCommand, type NodeRef, PROTOCOL, PROTOCOL_VERSION } from '../../embed/protocol';
import { SPEED_MAX, SPEED_MIN } from '../../runtime/pacer';

export type ReadMessage =
  | { readonly ok: true; readonly id: string | number | null; readonly command: HostCommand }
  | { readonly ok: false; readonly id: string | number | null; readonly error: string };

const Node = z.union([z.string().max(4), z.number().int()]);
const Id = z.union([z.string().max(200), z.number()]);

const Command = z.discriminatedUnion('type', [
  z.object({ type: z.literal('get-state') }),
  z.object({ type: z.literal('subscribe'), state: z.boolean().optional() }),
  z.object({ type: z.literal('unsubscribe') }),
  z.object({ type: z.literal('play') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('step') }),
  z.object({
    type: z.literal('set-speed'),
    speed: z.union([z.literal('max'), z.number().min(SPEED_MIN).max(SPEED_MAX)]),
  }),
  z.object({ type: z.literal('crash'), node: Node }),
  z.object({ type: z.literal('restart'), node: Node }),
  z.object({ type: z.literal('time-out'), node: Node }),
  z.object({ type: z.literal('transfer-leadership'), to: Node }),
  z.object({ type: z.literal('partition'), groups: z.array(z.array(Node).max(9)).min(1).max(9) }),
  z.object({ type: z.literal('heal') }),
  z.object({ type: z.literal('cut-link'), from: Node, to: Node }),
  z.object({ type: z.literal('restore-link'), from: Node, to: Node }),
  z.object({
    type: z.literal('kv'),
    command: z.string().max(2000),
    client: z
      .string()
      .regex(/^c\d{1,4}$/)
      .optional(),
  }),
  z.object({ type: z.literal('select-node'), node: Node.nullable() }),
  z.object({ type: z.literal('show-panels'), panels: z.array(z.enum(PANEL_NAMES)).min(1).max(7) }),
  z.object({ type: z.literal('lock') }),
  z.object({ type: z.literal('unlock') }),
  z.object({
    type: z.literal('load-lesson'),
    lesson: z.union([z.string().max(2000), z.record(z.string(), z.unknown())]),
    step: z.number().int().min(1).optional(),
  }),
  z.object({ type: z.literal('load-run'), link: z.string().max(2_000_000) }),
  z.object({ type: z.literal('load-scenario'), text: z.string().max(2_000_000) }),
]);

const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value);

export function readHostMessage(data: unknown): ReadMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, id: null, error: 'a message must be an object' };
  const m = data as Record<string, unknown>;
  const parsedId = Id.safeParse(m.id);
  const id = m.id === undefined || !parsedId.success ? null : parsedId.data;
  if (m.protocol !== PROTOCOL)
    return { ok: false, id, error: `a message must have protocol: "${PROTOCOL}"` };
  if (m.version !== PROTOCOL_VERSION)
    return {
      ok: false,
      id,
      error: `protocol version ${JSON.stringify(m.version)} is not spoken here: this app speaks version ${PROTOCOL_VERSION}`,
    };
  if (m.id !== undefined && !parsedId.success)
    return { ok: false, id: null, error: 'id must be a string or a number' };
  if (typeof m.type !== 'string' || !(COMMAND_TYPES as string[]).includes(m.type))
    return {
      ok: false,
      id,
      error: `unknown message type ${JSON.stringify(m.type)}; types are ${COMMAND_TYPES.join(', ')}`,
    };
  const { protocol: _p, version: _v, id: _i, ...rest } = m;
  const parsed = Command.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, id, error: `${m.type}: ${where}${issue.message}` };
  }
  return { ok: true, id, command: parsed.data as HostCommand };
}

/** The harness id of a node named in a command, or a sentence if there is no such node. */
export function nodeOf(ref: NodeRef, size: number): number | string {
  const id =
    typeof ref === 'number' ? ref : /^S([1-9])$/.exec(ref) ? Number(ref.slice(1)) - 1 : NaN;
  if (Number.isInteger(id) && id >= 0 && id < size) return id;
  return `no node ${JSON.stringify(ref)}: this cluster has S1 to S${size} (or 0 to ${size - 1})`;
}
