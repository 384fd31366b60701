/** Virtual ms per wall ms by default: a heartbeat every half second, messages visible as they fly. */
export const DEFAULT_SPEED = 0.1;
