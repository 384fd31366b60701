/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' in builds for end-to-end tests: exposes window.__raft. */
  readonly VITE_TEST_API?: string;
}
