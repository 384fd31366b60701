/** Runs async operations one at a time, in the order they were asked for. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(op);
    // A failed operation must not block the ones after it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
