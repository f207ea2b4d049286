import type { Benchmark } from '../benchmark.js';
import { diagnosisBenchmark } from './diagnosis.js';
import { gitopsBenchmark } from './gitops.js';
import { llmBenchmark } from './llm.js';
import { loadBenchmark } from './load.js';
import { remediationBenchmark } from './remediation.js';
import { sandboxBenchmark } from './sandbox.js';

export const benchmarks: readonly Benchmark[] = [
  sandboxBenchmark,
  diagnosisBenchmark,
  llmBenchmark,
  gitopsBenchmark,
  remediationBenchmark,
  loadBenchmark,
];
