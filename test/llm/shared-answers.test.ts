import { describe, expect, it } from 'vitest';
import { LlmError } from '../../backend/src/llm/llm-error.js';
import { SharedAnswers } from '../../backend/src/llm/shared-answers.js';

/** A call that finishes when the test says so, and records how it was asked. */
function controllable<T>() {
  let finish: (value: T) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const calls: { signal: AbortSignal; onText: ((text: string) => void) | undefined }[] = [];
  const produce = (signal: AbortSignal, onText: ((text: string) => void) | undefined) => {
    calls.push({ signal, onText });
    return new Promise<T>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { produce, calls, finish: (value: T) => finish(value), fail: (error: unknown) => fail(error) };
}

describe('SharedAnswers', () => {
  it('asks once for concurrent identical requests and answers later ones from the cache', async () => {
    const answers = new SharedAnswers<string>(10);
    const call = controllable<string>();
    const first = answers.get('k', call.produce);
    const second = answers.get('k', call.produce);
    call.finish('answer');
    expect(await first).toEqual({ value: 'answer', source: 'model' });
    expect(await second).toEqual({ value: 'answer', source: 'shared' });
    expect(await answers.get('k', call.produce)).toEqual({ value: 'answer', source: 'cache' });
    expect(call.calls).toHaveLength(1);
  });

  it('keeps the most recently used answers up to its capacity, and none with capacity 0', async () => {
    const answers = new SharedAnswers<string>(2);
    for (const key of ['a', 'b']) await answers.get(key, async () => key);
    await answers.get('a', async () => 'again');
    await answers.get('c', async () => 'c');
    expect(answers.size).toBe(2);
    expect((await answers.get('a', async () => 'fresh')).source).toBe('cache');
    expect(await answers.get('b', async () => 'fresh')).toEqual({ value: 'fresh', source: 'model' });

    const none = new SharedAnswers<string>(0);
    await none.get('a', async () => 'a');
    expect((await none.get('a', async () => 'a')).source).toBe('model');
  });

  it('shares a failure with every waiting caller but does not remember it', async () => {
    const answers = new SharedAnswers<string>(10);
    const call = controllable<string>();
    const first = answers.get('k', call.produce);
    const second = answers.get('k', call.produce);
    call.fail(new LlmError('invalid', 'the answer is not JSON'));
    await expect(first).rejects.toThrow('not JSON');
    await expect(second).rejects.toThrow('not JSON');
    expect(await answers.get('k', async () => 'retried')).toEqual({ value: 'retried', source: 'model' });
  });

  it('aborts the shared call only when every caller has left', async () => {
    const answers = new SharedAnswers<string>(10);
    const call = controllable<string>();
    const one = new AbortController();
    const two = new AbortController();
    const first = answers.get('k', call.produce, { signal: one.signal });
    const second = answers.get('k', call.produce, { signal: two.signal });
    one.abort();
    await expect(first).rejects.toMatchObject({ failure: 'aborted' });
    expect(call.calls[0]?.signal.aborted).toBe(false);
    two.abort();
    await expect(second).rejects.toMatchObject({ failure: 'aborted' });
    expect(call.calls[0]?.signal.aborted).toBe(true);
    // The abandoned call is forgotten: the next caller starts a new one.
    const third = answers.get('k', call.produce);
    call.finish('new');
    expect(await third).toEqual({ value: 'new', source: 'model' });
    expect(call.calls).toHaveLength(2);
  });

  it('streams to every caller, replaying to one who joins late what came before', async () => {
    const answers = new SharedAnswers<string>(10);
    const call = controllable<string>();
    const early: string[] = [];
    const late: string[] = [];
    const first = answers.get('k', call.produce, { onText: (text) => early.push(text) });
    call.calls[0]?.onText?.('{"sum');
    const second = answers.get('k', call.produce, { onText: (text) => late.push(text) });
    call.calls[0]?.onText?.('mary": 1}');
    call.finish('done');
    await Promise.all([first, second]);
    expect(early).toEqual(['{"sum', 'mary": 1}']);
    expect(late).toEqual(['{"sum', 'mary": 1}']);
  });

  it('refuses a caller that has already left, and aborts everything on abortAll', async () => {
    const answers = new SharedAnswers<string>(10);
    await expect(answers.get('k', async () => 'x', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      failure: 'aborted',
    });
    const call = controllable<string>();
    const pending = answers.get('k', call.produce);
    answers.abortAll('closing');
    expect(call.calls[0]?.signal.aborted).toBe(true);
    call.fail(call.calls[0]?.signal.reason);
    await expect(pending).rejects.toThrow('closing');
  });
});
