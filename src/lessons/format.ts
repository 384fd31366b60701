/**
 * The lesson format (version 1): a lesson is data, a JSON file an instructor writes and
 * `npm run lesson -- check` plays. This schema is the one definition: the validator, the
 * TypeScript types and the published JSON Schema (public/lesson.schema.json) all come
 * from it. docs/lessons.md explains every field for instructors.
 */

import { z } from 'zod';
import { APP_NODES_MAX, APP_NODES_MIN, ENTRIES_PER_APPEND_MAX } from '../defaults';
import { UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from '../raft/unsafe';
import { SPEED_MAX, SPEED_MIN } from '../runtime/pacer';
import { ACTIONS, type ActionName } from '../sim/interventions';

export const LESSON_FORMAT = 1;
/** A lesson file larger than this is refused before it is parsed. */
export const LESSON_BYTES_MAX = 1_000_000;

export const ACTION_NAMES = Object.keys(ACTIONS) as [ActionName, ...ActionName[]];

/** A node as the page names it (S1 … S9), or whoever leads when the step begins. */
const NodeRef = z
  .string()
  .regex(/^(S[1-9]|leader)$/, { error: 'a node is S1 … S9, or "leader"' })
  .describe('A node as the page names it (S1 … S9), or "leader": whoever leads then.');

const Text = z
  .string()
  .min(1)
  .max(4000)
  .describe('Markdown: paragraphs, **bold**, *italic*, `code`, lists, links. No HTML.');

/**
 * An action of the action table (src/sim/interventions.ts) with its arguments; a node
 * argument (`node`, `from`, `to`, `groups`) is a NodeRef.
 */
const Action = z
  .looseObject({ type: z.enum(ACTION_NAMES) })
  .describe(
    'An action: "type" names it, the other fields are its arguments (see docs/lessons.md).',
  );

const EVENT_NAMES = [
  'crash',
  'restart',
  'electionTimeout',
  'becameCandidate',
  'becameLeader',
  'becameFollower',
  'voteGranted',
  'voteDenied',
  'truncated',
  'committed',
  'dropped',
  'clientCall',
  'clientReturned',
  'preVoteStarted',
  'steppedDown',
  'transferStarted',
  'transferAborted',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export type Condition =
  | { kind: 'leader'; node: 'any' | 'none' | string }
  | { kind: 'term'; atLeast: number }
  | { kind: 'committed'; index: number; on?: 'majority' | 'all' }
  | { kind: 'role'; node: string; role: 'follower' | 'candidate' | 'leader' }
  | { kind: 'alive'; node: string; alive: boolean }
  | { kind: 'inFlight'; type: string; from?: string; to?: string }
  | { kind: 'happened'; event: EventName; node?: string }
  | { kind: 'did'; action: ActionName; node?: string }
  | { kind: 'kv'; key: string; value: string | null; on?: 'majority' | 'all' }
  | { kind: 'client'; client: string; outcome: 'ok' | 'fail' | 'unknown' | 'pending' }
  | { kind: 'violated'; rule?: string }
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; condition: Condition };

export const CONDITION_KINDS = [
  'leader',
  'term',
  'committed',
  'role',
  'alive',
  'inFlight',
  'happened',
  'did',
  'kv',
  'client',
  'violated',
  'all',
  'any',
  'not',
] as const satisfies readonly Condition['kind'][];

const Quorum = z.enum(['majority', 'all']).optional();

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('leader'),
      node: z.union([z.enum(['any', 'none']), NodeRef]),
    }),
    z.strictObject({ kind: z.literal('term'), atLeast: z.int().min(0) }),
    z.strictObject({ kind: z.literal('committed'), index: z.int().min(1), on: Quorum }),
    z.strictObject({
      kind: z.literal('role'),
      node: NodeRef,
      role: z.enum(['follower', 'candidate', 'leader']),
    }),
    z.strictObject({ kind: z.literal('alive'), node: NodeRef, alive: z.boolean() }),
    z.strictObject({
      kind: z.literal('inFlight'),
      type: z.string().min(1),
      from: NodeRef.optional(),
      to: NodeRef.optional(),
    }),
    z.strictObject({
      kind: z.literal('happened'),
      event: z.enum(EVENT_NAMES),
      node: NodeRef.optional(),
    }),
    z.strictObject({
      kind: z.literal('did'),
      action: z.enum(ACTION_NAMES),
      node: NodeRef.optional(),
    }),
    z.strictObject({
      kind: z.literal('kv'),
      key: z.string().min(1),
      value: z.string().nullable(),
      on: Quorum,
    }),
    z.strictObject({
      kind: z.literal('client'),
      client: z.string().regex(/^c\d+$/, { error: 'a client is c1, c2, …' }),
      outcome: z.enum(['ok', 'fail', 'unknown', 'pending']),
    }),
    z
      .strictObject({ kind: z.literal('violated'), rule: z.string().min(1).max(80).optional() })
      .describe(
        "The invariant checker found a broken rule; `rule` is how its sentence begins, e.g. 'Leader completeness'.",
      ),
    z.strictObject({ kind: z.literal('all'), of: z.array(ConditionSchema).min(1) }),
    z.strictObject({ kind: z.literal('any'), of: z.array(ConditionSchema).min(1) }),
    z.strictObject({ kind: z.literal('not'), condition: ConditionSchema }),
  ]),
);

const WithinMs = z.int().min(1).max(120_000);

const Step = z.strictObject({
  title: z.string().min(1).max(80).optional(),
  text: Text,
  do: z.array(Action).max(50).optional().describe('Actions performed when the step begins.'),
  until: ConditionSchema.optional().describe('The step runs until this holds.'),
  withinMs: WithinMs.optional().describe('Virtual ms the condition may take (default 5000).'),
  runMs: WithinMs.optional().describe('Without "until": run this many virtual ms.'),
  highlight: z
    .strictObject({
      nodes: z.array(NodeRef).optional(),
      entries: z.array(z.strictObject({ node: NodeRef, index: z.int().min(1) })).optional(),
      messages: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  predict: z
    .strictObject({
      question: Text,
      choices: z
        .array(z.strictObject({ text: z.string().min(1).max(200), when: ConditionSchema }))
        .min(2)
        .max(6),
    })
    .optional()
    .describe(
      'Asked before the step runs; each choice is right when its condition holds at the end.',
    ),
  task: z
    .strictObject({
      text: Text,
      done: ConditionSchema,
      solution: z.array(Action).min(1).max(20),
      withinMs: WithinMs.optional(),
    })
    .optional()
    .describe('Something the learner does; "show me" performs the solution.'),
});

export const PANELS = ['console', 'history', 'events'] as const;

export const LessonSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(LESSON_FORMAT, { error: `the lesson format is ${LESSON_FORMAT}` }),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, {
    error: 'an id is lowercase letters, digits and dashes',
  }),
  title: z.string().min(1).max(80),
  summary: z.string().min(1).max(400),
  cluster: z
    .strictObject({
      nodes: z.int().min(APP_NODES_MIN).max(APP_NODES_MAX),
      seed: z
        .int()
        .min(0)
        .max(2 ** 31 - 1),
      electionTimeoutMs: z.tuple([z.int().min(10), z.int().min(10)]).optional(),
      heartbeatMs: z.int().min(1).optional(),
      entriesPerAppend: z
        .int()
        .min(1)
        .max(ENTRIES_PER_APPEND_MAX)
        .optional()
        .describe(
          `At most this many entries in one AppendEntries (default ${ENTRIES_PER_APPEND_MAX}); 1 sends each entry in its own message.`,
        ),
      unsafe: z
        .array(z.enum(UNSAFE_SWITCH_NAMES as [UnsafeSwitch, ...UnsafeSwitch[]]))
        .max(1)
        .optional()
        .describe('A rule of Raft switched off for this lesson (Break a rule): the page says so.'),
      preVote: z.boolean().optional().describe('PreVote (dissertation §9.6) on. Default off.'),
      checkQuorum: z
        .boolean()
        .optional()
        .describe('CheckQuorum and leader stickiness (§6.2) on. Default off.'),
      readMode: z
        .enum(['log', 'readIndex', 'lease'])
        .optional()
        .describe(
          'How a GET is served (§6.4): log (default), readIndex, or lease (needs checkQuorum).',
        ),
      network: z
        .strictObject({
          delayMs: z.tuple([z.number().min(0), z.number().min(0)]).optional(),
          dropRate: z.number().min(0).max(1).optional(),
          duplicateRate: z.number().min(0).max(1).optional(),
        })
        .optional(),
    })
    .refine((c) => c.readMode !== 'lease' || c.checkQuorum === true, {
      error: 'readMode lease needs checkQuorum: true',
      path: ['readMode'],
    }),
  speed: z.union([z.literal('max'), z.number().min(SPEED_MIN).max(SPEED_MAX)]).optional(),
  panels: z.array(z.enum(PANELS)).optional(),
  steps: z.array(Step).min(1).max(100),
});

export type Lesson = z.infer<typeof LessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonAction = z.infer<typeof Action>;

/** A problem in a lesson: where (a JSON path such as steps[2].until) and what, in a sentence. */
export interface LessonProblem {
  readonly path: string;
  readonly message: string;
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path)
    out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out === '' ? '(the lesson)' : out;
}

/** The JSON Schema editors validate lesson files with. */
export function lessonJsonSchema(): object {
  return {
    ...z.toJSONSchema(LessonSchema, { target: 'draft-2020-12', io: 'input' }),
    title: 'Raft playground lesson',
  };
}
