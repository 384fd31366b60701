/**
 * Messages as the page's frames carry them: an AppendEntries keeps its first few entries
 * and the count of the rest. The page shows no more than that, and at nine nodes on a slow
 * network a frame holds hundreds of pipelined batches of up to 64 entries, megabytes the
 * page's main thread would otherwise copy out of every frame.
 */
import type { TraceEvent } from '../sim/trace';

/** Entries of one message a frame keeps (the message panel shows this many). */
export const FRAME_ENTRIES_MAX = 3;

type Payload = Readonly<Record<string, unknown>>;

/** Characters of an InstallSnapshot's data a frame keeps. */
export const FRAME_DATA_MAX = 80;

export function previewPayload<P extends Payload>(payload: P): P {
  const data = payload.data;
  if (typeof data === 'string' && data.length > FRAME_DATA_MAX) {
    return { ...payload, data: `${data.slice(0, FRAME_DATA_MAX)}…`, dataLength: data.length };
  }
  const entries = payload.entries;
  if (!Array.isArray(entries) || entries.length <= FRAME_ENTRIES_MAX) return payload;
  return {
    ...payload,
    entries: entries.slice(0, FRAME_ENTRIES_MAX),
    entriesOmitted: entries.length - FRAME_ENTRIES_MAX,
  };
}

export function previewMessage<M extends { readonly payload: Payload }>(m: M): M {
  const payload = previewPayload(m.payload);
  return payload === m.payload ? m : { ...m, payload };
}

export function previewEvent(e: TraceEvent): TraceEvent {
  if (e.kind !== 'send' || typeof e.message !== 'object' || e.message === null) return e;
  const message = previewPayload(e.message as Payload);
  return message === e.message ? e : { ...e, message };
}

/** How many entries a message carries, whether or not a frame cut them. */
export function entryCount(payload: Payload): number {
  const shown = Array.isArray(payload.entries) ? payload.entries.length : 0;
  const omitted = payload.entriesOmitted;
  return shown + (typeof omitted === 'number' ? omitted : 0);
}
