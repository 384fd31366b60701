/** What the simulated network carries, and how a client endpoint receives it. */
import type { Endpoint } from './trace';

/** A message as the network carries it: Raft messages and client messages. */
export interface WireMessage {
  readonly type: string;
  readonly term?: number;
}

export type ClientHandler = (message: WireMessage, from: Endpoint) => void;
