/** Latency statistics of a repeated async operation, after a warm-up. */
export interface Latency {
  readonly runs: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export async function measure(run: () => Promise<void>, runs = 200, warmup = 20, before?: () => Promise<void>): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs, p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}
