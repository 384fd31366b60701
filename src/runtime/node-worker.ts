/**
 * The worker entry that hosts one Raft node: receive an event, step the replica, hand the
 * outputs to the network at once, and persist in the background. The network (the
 * scheduler) holds every message of a step until the worker reports that step durable,
 * so nothing leaves before it is on disk, and consecutive steps share one IndexedDB
 * transaction (group commit). No protocol logic lives here.
 */
import { Replica } from '../kv/replica';
import type { DurableState } from '../raft/types';
import { hasPersistOps } from '../sim/memory-storage';
import { IdbStorage } from './idb-storage';
import type { BootRequest, StepReply, WorkerReply, WorkerRequest } from './protocol';
import { WriteBatch } from './write-batch';

let port: MessagePort | null = null;
let replica: Replica | null = null;
let storage: IdbStorage | null = null;
let seq = 0;
let pending = new WriteBatch();
let writing = false;
let writingFirstSeq = 0;

let outbox: WorkerReply[] = [];

/** Replies of one batch of requests travel back as one message. */
function post(reply: WorkerReply): void {
  outbox.push(reply);
  if (outbox.length > 1) return;
  queueMicrotask(() => {
    const batch = outbox;
    outbox = [];
    port?.postMessage(batch);
  });
}

globalThis.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { port?: MessagePort };
  if (data.port === undefined) return;
  port = data.port;
  port.onmessage = (e: MessageEvent<WorkerRequest[]>) => void handleBatch(e.data);
});

async function handleBatch(requests: readonly WorkerRequest[]): Promise<void> {
  for (const request of requests) {
    try {
      if (request.type === 'boot') await boot(request);
      else handle(request);
    } catch (error) {
      post({
        type: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function handle(request: Exclude<WorkerRequest, BootRequest>): void {
  const node = replica;
  if (node === null) throw new Error('the node worker was not booted');
  let proposal: StepReply['proposal'];
  let proposals: StepReply['proposals'];
  if (request.type === 'step') node.step(request.input, request.now);
  else if (request.type === 'client')
    node.onClientRequest(request.from, request.request, request.now);
  else if (request.type === 'propose') proposal = node.propose(request.command, request.now);
  else proposals = node.proposeBatch(request.commands, request.now);
  const { ready, replies } = node.takeOutput();
  seq += 1;
  if (storage !== null && hasPersistOps(ready)) pending.add(ready, seq);
  const status = node.raft.status();
  // Committed entries are already in the host's copy of the log: send their range only.
  const first = ready.committed[0]?.index ?? 0;
  const committed: [number, number] = [first, first + ready.committed.length - 1];
  post({
    type: 'stepped',
    id: request.id,
    seq,
    durableSeq: durableSeq(),
    ready: { ...ready, committed: [] },
    committed,
    kv: ready.committed.length === 0 ? [] : node.valuesTouchedBy(ready.committed),
    replies,
    status,
    proposal,
    proposals,
  });
  scheduleFlush();
}

let flushScheduled = false;

/** Flushes once the steps already queued for this worker are done: they share the write. */
function scheduleFlush(): void {
  if (flushScheduled || writing) return;
  flushScheduled = true;
  setTimeout(() => {
    flushScheduled = false;
    void flush();
  }, FLUSH_DELAY);
}
const FLUSH_DELAY = 0;

/** Every step up to this one has its writes committed. */
function durableSeq(): number {
  if (!pending.isEmpty) return pending.firstSeq - 1;
  return writing ? writingFirstSeq - 1 : seq;
}

async function boot(request: BootRequest): Promise<void> {
  let state: DurableState = request.memoryState ?? {
    hardState: { term: 0, votedFor: null },
    log: [],
  };
  let problem: string | null = null;
  let mode = request.storage;
  if (mode === 'idb') {
    try {
      const opened = await IdbStorage.open(request.dbName, request.fault);
      storage = opened.storage;
      state = opened.state;
      problem = opened.problem;
    } catch (error) {
      mode = 'memory';
      problem = `${error instanceof Error ? error.message : String(error)}; this node keeps its state in memory`;
    }
  }
  replica = new Replica({ ...request.config, seed: request.seed }, state, request.now);
  post({
    type: 'booted',
    id: request.id,
    info: {
      incarnation: request.incarnation,
      term: state.hardState.term,
      votedFor: state.hardState.votedFor,
      logLength: state.log.length,
      log: [],
    },
    state,
    status: replica.raft.status(),
    storage: mode,
    problem,
  });
}

/** Writes everything pending in one transaction; steps arriving meanwhile form the next. */
async function flush(): Promise<void> {
  if (writing || pending.isEmpty) return;
  const batch = pending;
  pending = new WriteBatch();
  writing = true;
  writingFirstSeq = batch.firstSeq;
  try {
    await storage?.write(batch);
    writing = false;
    post({ type: 'durable', seq: durableSeq() });
  } catch (error) {
    // The node goes on in memory: the host keeps a copy of its durable state for restarts.
    storage = null;
    pending = new WriteBatch();
    writing = false;
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'storageFailed', message, durableSeq: seq });
  }
  if (!pending.isEmpty) void flush();
}
