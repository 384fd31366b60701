/**
 * The console's own UI state (chosen client, line or form input), kept outside the
 * component so it survives switching tabs; and the one way the console sends a command.
 */
import { create } from 'zustand';
import type { KvCommand } from '../../kv/types';
import type { Actions } from '../actions';
import { addNotice, useStore } from '../store/store';

export interface ConsoleUi {
  /** The client the user chose; null = the newest client (or a new one on first send). */
  readonly client: string | null;
  readonly input: 'line' | 'form';
  /** The node a new client sends to (null: any server, the usual client). */
  readonly pinFor: number | null;
  /** Clients made here that send to one node only. */
  readonly pins: Readonly<Record<string, number>>;
}

export const useConsoleUi = create<ConsoleUi>(() => ({
  client: null,
  input: 'line',
  pinFor: null,
  pins: {},
}));

/** The client commands go from: the chosen one if it still exists, else the newest. */
export function currentClient(clients: readonly string[], chosen: string | null): string | null {
  if (chosen !== null && clients.includes(chosen)) return chosen;
  return clients.at(-1) ?? null;
}

let creating: Promise<string | null> | null = null;

/** Adds a client and makes it the chosen one. Concurrent calls share one creation. */
export function addClient(actions: Actions): Promise<string | null> {
  const pin = useConsoleUi.getState().pinFor;
  creating ??= actions.addClient(pin ?? undefined).then((id) => {
    creating = null;
    if (id !== null)
      useConsoleUi.setState((s) => ({
        client: id,
        pins: pin === null ? s.pins : { ...s.pins, [id]: pin },
      }));
    return id;
  });
  return creating;
}

async function clientForSending(actions: Actions): Promise<string | null> {
  const client = currentClient(useStore.getState().clients, useConsoleUi.getState().client);
  if (client !== null) return client;
  // The first command creates the first client, so a newcomer can just type.
  return creating ?? addClient(actions);
}

/** Lines are handled one after another, so they keep their order while a client is created. */
let queue: Promise<void> = Promise.resolve();

/** Sends a parsed command, or shows why the line was refused; never throws. */
export function submit(
  actions: Actions,
  text: string,
  parsed: { ok: true; command: KvCommand } | { ok: false; error: string },
): Promise<void> {
  queue = queue
    .then(async () => {
      if (!parsed.ok) {
        const s = useStore.getState();
        const client = currentClient(s.clients, useConsoleUi.getState().client) ?? '—';
        actions.refuse(client, text, parsed.error);
        return;
      }
      const client = await clientForSending(actions);
      if (client === null) {
        actions.refuse('—', text, 'no client could be created: see the notice above');
        return;
      }
      actions.kv(client, parsed.command);
    })
    // One failed line must not block the ones after it.
    .catch((e: unknown) => addNotice(e instanceof Error ? e.message : String(e)));
  return queue;
}

/** Earlier lines typed in the console, newest first, without repeats (for ↑ / ↓). */
export function recallList(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const entries = useStore.getState().console;
  for (let i = entries.length - 1; i >= 0; i--) {
    const text = entries[i]!.text;
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}
