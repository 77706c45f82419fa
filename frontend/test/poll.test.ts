import { describe, expect, it } from 'vitest';
import { Backoff, pollUntil, sleep } from '../src/lib/poll';

describe('Backoff', () => {
  it('starts at 1 s and grows ×1.5 up to 10 s while nothing moves', () => {
    const b = new Backoff();
    const delays = Array.from({ length: 9 }, () => b.next('pending:0'));
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 10000, 10000, 10000]);
  });

  it('resets to 1 s when the progress moves', () => {
    const b = new Backoff();
    b.next('generating:1');
    b.next('generating:1');
    expect(b.next('generating:1')).toBe(2250);
    expect(b.next('generating:5')).toBe(1000);
    expect(b.next('generating:5')).toBe(1500);
  });

  it('keeps growing on errors (no key)', () => {
    const b = new Backoff();
    expect(b.next()).toBe(1000);
    expect(b.next()).toBe(1500);
    expect(b.next('x')).toBe(1000); // an answer after errors is progress
  });

  it('honours its options and reset()', () => {
    const b = new Backoff({ initialMs: 200, factor: 2, maxMs: 1000 });
    expect([b.next('a'), b.next('a'), b.next('a'), b.next('a')]).toEqual([200, 400, 800, 1000]);
    b.reset();
    expect(b.next('a')).toBe(200);
  });
});

type Answer = { status: string; done: number };

function script(answers: Array<Answer | Error>) {
  let i = 0;
  return async () => {
    const a = answers[Math.min(i++, answers.length - 1)];
    if (a instanceof Error) throw a;
    return a;
  };
}

describe('pollUntil', () => {
  it('polls until done, waiting the back-off between checks and resetting on progress', async () => {
    const waits: number[] = [];
    const seen: number[] = [];
    const result = await pollUntil<Answer>({
      check: script([
        { status: 'pending', done: 0 },
        { status: 'pending', done: 0 },
        { status: 'pending', done: 0 },
        { status: 'generating', done: 3 },
        { status: 'generating', done: 3 },
        { status: 'ready', done: 10 },
      ]),
      isDone: (a) => a.status === 'ready',
      progressKey: (a) => `${a.status}:${a.done}`,
      onUpdate: (a) => seen.push(a.done),
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result).toEqual({ status: 'ready', done: 10 });
    expect(seen).toEqual([0, 0, 0, 3, 3, 10]);
    expect(waits).toEqual([1000, 1500, 2250, 1000, 1500]);
  });

  it('keeps polling through errors the caller accepts, and stops on others', async () => {
    const waits: number[] = [];
    const offline = new Error('offline');
    const result = await pollUntil<Answer>({
      check: script([offline, offline, { status: 'ready', done: 1 }]),
      isDone: (a) => a.status === 'ready',
      progressKey: (a) => a.status,
      onError: (e) => e === offline,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(result?.status).toBe('ready');
    expect(waits).toEqual([1000, 1500]);

    const fatal = new Error('403');
    await expect(
      pollUntil<Answer>({
        check: script([fatal]),
        isDone: () => false,
        progressKey: () => '',
        onError: (e) => e !== fatal,
        sleep: async () => {},
      }),
    ).rejects.toBe(fatal);
  });

  it('stops quietly when aborted', async () => {
    const controller = new AbortController();
    let checks = 0;
    const result = await pollUntil<Answer>({
      check: async () => {
        if (++checks === 3) controller.abort();
        return { status: 'pending', done: 0 };
      },
      isDone: () => false,
      progressKey: () => 'same',
      signal: controller.signal,
      sleep: async () => {},
    });
    expect(result).toBeUndefined();
    expect(checks).toBe(3);
  });

  it('sleep resolves early on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
