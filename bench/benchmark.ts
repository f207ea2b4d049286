/** One line of the results table: a measured figure and, when there is one, its target. */
export interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  /** `<= 50`: the figure passes when the comparison holds. */
  target?: { op: '<=' | '>='; value: number };
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}

export function meetsTarget(row: BenchRow): boolean | undefined {
  if (!row.target) return undefined;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

/** Nearest-rank percentile of samples; `p` in 0..100. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Runs `task` `warmup` times unmeasured, then `iterations` times, returning milliseconds per run. */
export async function sample(
  task: () => Promise<unknown>,
  iterations: number,
  warmup = 5,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await task();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}
