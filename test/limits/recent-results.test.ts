import { describe, expect, it } from 'vitest';
import { RecentResults } from '../../backend/src/support/recent-results.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('RecentResults', () => {
  it('shares work under way, reuses its result until the ttl passes, then works again', async () => {
    let clock = 0;
    const recent = new RecentResults<string>(5000, 10, () => clock);
    let calls = 0;
    const work = deferred<string>();
    const produce = () => {
      calls++;
      return calls === 1 ? work.promise : Promise.resolve(`result ${calls}`);
    };
    const first = recent.get('app', produce);
    const second = recent.get('app', produce);
    work.resolve('result 1');
    expect(await Promise.all([first, second])).toEqual(['result 1', 'result 1']);
    clock = 4999;
    expect(await recent.get('app', produce)).toBe('result 1');
    clock = 5000;
    expect(await recent.get('app', produce)).toBe('result 2');
    expect(calls).toBe(2);
  });

  it('never reuses a failure', async () => {
    const recent = new RecentResults<string>(5000, 10, () => 0);
    await expect(recent.get('app', () => Promise.reject(new Error('API down')))).rejects.toThrow('API down');
    expect(await recent.get('app', async () => 'recovered')).toBe('recovered');
  });

  it('replace reads afresh and leaves the new result for the next get', async () => {
    const recent = new RecentResults<string>(5000, 10, () => 0);
    await recent.get('app', async () => 'old');
    expect(await recent.replace('app', async () => 'new')).toBe('new');
    expect(await recent.get('app', async () => 'unused')).toBe('new');
  });

  it('keeps at most its capacity, dropping the oldest', async () => {
    const recent = new RecentResults<string>(60_000, 2, () => 0);
    for (const key of ['a', 'b', 'c']) await recent.get(key, async () => key);
    expect(recent.size).toBe(2);
    expect(await recent.get('a', async () => 'a again')).toBe('a again');
    expect(await recent.get('c', async () => 'unused')).toBe('c');
  });

  it('with a ttl of 0 keeps nothing and shares nothing', async () => {
    const recent = new RecentResults<number>(0, 10, () => 0);
    let calls = 0;
    await Promise.all([recent.get('app', async () => ++calls), recent.get('app', async () => ++calls)]);
    expect(calls).toBe(2);
    expect(recent.size).toBe(0);
  });
});
