/**
 * Every default and limit the harness, the app and the page share, named once. Where the
 * harness (tests, chaos, benchmarks) and the app differ, each has its own name: HARNESS_…
 * for the in-process harness, APP_… for the browser's cluster, PAGE_… for what the page
 * keeps. Time is virtual ms. Plain numbers only, so any layer may import this.
 */

/** Raft's timing (the paper's §9.3 range), the same in the harness and the app. */
export const ELECTION_TIMEOUT_MIN = 150;
export const ELECTION_TIMEOUT_MAX = 300;
export const HEARTBEAT_INTERVAL = 50;
/** Bounds for timings a user sets (URL, settings, lessons): the heartbeat must beat the election. */
export const TIMING_MS_MIN = 10;
export const TIMING_MS_MAX = 60_000;

/** Most entries one AppendEntries carries. */
export const ENTRIES_PER_APPEND_MAX = 64;
/** Most unacknowledged AppendEntries batches to a follower in sync. */
export const INFLIGHT_MAX = 8;

/** The harness's network delay: fast, so tests and chaos cover much virtual time. */
export const HARNESS_DELAY_MIN = 1;
export const HARNESS_DELAY_MAX = 5;
/**
 * The app's network delay: slow enough to see messages cross (about a tenth of the
 * election timeout, as in RaftScope).
 */
export const APP_DELAY_MIN = 10;
export const APP_DELAY_MAX = 30;

/** Node counts: the harness takes any small cluster; the page draws 3 to 9 (keys 1–9). */
export const HARNESS_NODES_MAX = 64;
export const APP_NODES_MIN = 3;
export const APP_NODES_MAX = 9;
export const APP_NODES_DEFAULT = 5;

/** Trace events kept (oldest let go first): by the harness, the app's scheduler, the page. */
export const HARNESS_TRACE_EVENTS_MAX = 200_000;
export const APP_TRACE_EVENTS_MAX = 200_000;
export const PAGE_TRACE_EVENTS_MAX = 20_000;

/** Client calls kept in the history: by the harness, and by the page for its chart. */
export const HARNESS_HISTORY_OPS_MAX = 100_000;
export const PAGE_HISTORY_OPS_MAX = 5000;
/** Lines the page's KV console keeps. */
export const PAGE_CONSOLE_ENTRIES_MAX = 200;

/** Virtual ms per wall ms by default: a heartbeat every half second, messages visible as they fly. */
export const APP_SPEED_DEFAULT = 0.1;
