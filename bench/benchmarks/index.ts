import type { Benchmark } from '../benchmark.js';
import { diagnosisBenchmark } from './diagnosis.js';
import { sandboxBenchmark } from './sandbox.js';

export const benchmarks: readonly Benchmark[] = [sandboxBenchmark, diagnosisBenchmark];
