/** What the simulated network carries, and how a client endpoint receives it. */
import type { Endpoint } from './trace';

/** A message as the network carries it: Raft messages and client messages. */
export interface WireMessage {
  readonly type: string;
  readonly term?: number;
}

export type ClientHandler = (message: WireMessage, from: Endpoint) => void;

/**
 * A client endpoint as an object (the KV clients' form): unlike a closure, a cluster's
 * state that holds it can be copied (checkpoints for seeking).
 */
export interface ClientEndpoint {
  deliver(message: WireMessage, from: Endpoint): void;
  /** A timer it set (ClientHub.setTimer) is due: timers are data, named by the client. */
  onTimer?(timer: unknown): void;
}
