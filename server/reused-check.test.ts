import { reusedFor } from './reused-check';

describe('a check reused for a while (health readiness)', () => {
  it('runs once for callers while it runs and for reuseMs after, then again', async () => {
    let runs = 0;
    let release!: () => void;
    const check = reusedFor(50, () => {
      runs++;
      return new Promise<number>((resolve) => (release = () => resolve(runs)));
    });
    const first = [check(), check(), check()];
    expect(runs).toBe(1);
    release();
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    expect(await check()).toBe(1);
    expect(runs).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const again = check();
    expect(runs).toBe(2);
    release();
    expect(await again).toBe(2);
  });

  it('a failed check is reused too, and does not throw unobserved', async () => {
    let runs = 0;
    const check = reusedFor(1_000, () => (runs++, Promise.reject(new Error('down'))));
    await expect(check()).rejects.toThrow('down');
    await expect(check()).rejects.toThrow('down');
    expect(runs).toBe(1);
  });
});
