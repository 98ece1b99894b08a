/**
 * Runs asynchronous tasks one after another, in the order they were queued. Storage uses it so
 * that two quick changes never interleave their writes and neither is lost.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task` behind all earlier tasks and resolves or rejects with its result. A failed task does not stop later ones. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
