// Polling with back-off: ask often while things move, less often while they don't.
//
// The archive build reports progress every few seconds; a client watching it wants the
// bar to move promptly, but a queue that hasn't started yet should not be hammered.
// So: 1 s, then ×1.5 each unchanged answer up to 10 s, and back to 1 s as soon as the
// progress moves.

export interface BackoffOptions {
  initialMs?: number;
  factor?: number;
  maxMs?: number;
}

export class Backoff {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  private delay: number;
  private lastKey: string | undefined;
  private started = false;

  constructor({ initialMs = 1000, factor = 1.5, maxMs = 10_000 }: BackoffOptions = {}) {
    this.initialMs = initialMs;
    this.factor = factor;
    this.maxMs = maxMs;
    this.delay = initialMs;
  }

  /**
   * The wait before the next poll. `progressKey` describes the progress just seen
   * (e.g. "generating:412"); a key different from the previous one resets the delay.
   * Without a key (an error, say) the delay simply grows.
   */
  next(progressKey?: string): number {
    if (!this.started) {
      this.started = true;
      this.lastKey = progressKey;
      this.delay = this.initialMs;
      return this.delay;
    }
    if (progressKey !== undefined && progressKey !== this.lastKey) {
      this.lastKey = progressKey;
      this.delay = this.initialMs;
      return this.delay;
    }
    this.delay = Math.min(this.maxMs, this.delay * this.factor);
    return Math.round(this.delay);
  }

  reset(): void {
    this.started = false;
    this.lastKey = undefined;
    this.delay = this.initialMs;
  }
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that an AbortSignal cuts short. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export interface PollOptions<T> {
  /** One request for the current state. */
  check: () => Promise<T>;
  /** Called with every answer, before deciding whether to go on. */
  onUpdate?: (value: T) => void;
  /** True when polling should stop with this answer (ready, error…). */
  isDone: (value: T) => boolean;
  /** What "progress moved" means for this kind of answer. */
  progressKey: (value: T) => string;
  /**
   * A failed check: return true to keep polling (a dropped connection on a phone),
   * false to stop; stopping rethrows the error to the caller.
   */
  onError?: (error: unknown) => boolean;
  backoff?: Backoff;
  sleep?: Sleep;
  signal?: AbortSignal;
}

/**
 * Polls until `isDone`; resolves with the final answer, or undefined when aborted.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T | undefined> {
  const backoff = options.backoff ?? new Backoff();
  const wait = options.sleep ?? sleep;
  const { signal } = options;
  while (!signal?.aborted) {
    let delay: number;
    try {
      const value = await options.check();
      if (signal?.aborted) return undefined;
      options.onUpdate?.(value);
      if (options.isDone(value)) return value;
      delay = backoff.next(options.progressKey(value));
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (!options.onError || !options.onError(error)) throw error;
      delay = backoff.next();
    }
    await wait(delay, signal);
  }
  return undefined;
}
