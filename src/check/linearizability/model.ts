// A sequential specification, as plain data (after porcupine's `Model`).
// The search only ever calls these functions; it knows nothing about key/value stores.

export interface StepResult<State> {
  ok: boolean;
  state: State;
}

export interface Model<State, Input, Output> {
  /** The state every partition starts from. */
  init(): State;
  /** Apply `input` to `state`; `ok` is false when the model cannot produce `output`. */
  step(state: State, input: Input, output: Output): StepResult<State>;
  /** State equality for the memo table (two visits with equal states are the same visit). */
  equal(a: State, b: State): boolean;
  /**
   * A hash consistent with `equal`. Optional, but without it every visit of the same set
   * of ops lands in one memo bucket, and models with many reachable states (APPEND:
   * one per interleaving) degrade to a linear scan per step.
   */
  hashState?(state: State): number;
  /** Operations with different keys never interact, so each key is checked on its own. */
  partitionKey?(input: Input): string;
  describeOperation(input: Input, output: Output): string;
  describeState?(state: State): string;
}

/** One completed or pending call, ready for the search. */
export interface Operation<Input, Output> {
  clientId: string;
  input: Input;
  output: Output;
  call: number;
  /**
   * Infinity when the call never returned (outcome unknown): it may take effect at any
   * time after `call`, or never, so the search need not place it at all.
   */
  ret: number;
}
