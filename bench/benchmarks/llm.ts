import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { detectors } from '../../backend/src/detectors/index.js';
import { diagnoseSnapshot } from '../../backend/src/diagnosis/diagnose.js';
import type { Diagnosis } from '../../backend/src/diagnosis/diagnosis.js';
import { explainDiagnosis, type LlmStepContext } from '../../backend/src/diagnosis/llm-step.js';
import { buildSnapshot } from '../../backend/src/kube/build-snapshot.js';
import { DEFAULT_LLM_LIMITS, DEFAULT_OLLAMA_MODEL, type OllamaConfig } from '../../backend/src/llm/config.js';
import { createLlmService } from '../../backend/src/llm/service.js';
import { isRunbookConfigMap } from '../../backend/src/runbooks/catalog.js';
import { parseRunbookConfigMaps } from '../../backend/src/runbooks/parse.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { scripted } from '../../test/llm/support/answers.js';
import { freeTextRunbooks } from '../../test/llm/support/free-text-runbooks.js';
import { startFakeOllama } from '../../test/support/fake-ollama.js';
import { type Benchmark, percentile, sample } from '../benchmark.js';

const scenariosDir = join(import.meta.dirname, '..', '..', 'test', 'scenarios');
const rounds = 10;

interface Case {
  id: string;
  diagnosis: Diagnosis;
  context: LlmStepContext;
}

/**
 * Every recorded scenario diagnosed offline, as the pipeline hands it to the LLM step, with two
 * free-text runbooks added so that scenarios no structured runbook answers ask for a choice too.
 */
async function scenarioCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const id of (await readdir(scenariosDir)).sort()) {
    const scenario = await readScenario(join(scenariosDir, id));
    const objects = scenario.objects.map(({ object }) => object);
    const status = scenario.application.status;
    const snapshot = buildSnapshot({
      capturedAt: status?.reconciledAt ?? status?.operationState?.finishedAt ?? '2026-11-24T15:00:00Z',
      application: scenario.application,
      ...(scenario.spec.target ? { target: scenario.spec.target } : {}),
      objects: objects.filter((object) => object.kind !== 'Application'),
      logs: scenario.logs.map((log) => ({
        ...log,
        lines: log.text.split('\n').filter(Boolean),
        truncated: false,
      })),
    });
    const runbooks = parseRunbookConfigMaps([...objects.filter(isRunbookConfigMap), freeTextRunbooks]);
    const diagnosis = diagnoseSnapshot(snapshot, { detectors, runbooks, stopwatch: () => 0 });
    cases.push({ id, diagnosis, context: { snapshot, runbooks } });
  }
  return cases;
}

export const llmBenchmark: Benchmark = {
  name: 'llm',
  description:
    'the LLM step over every recorded scenario: prompt tokens (cl100k) and its own cost against a fake Ollama answering at once',
  async run() {
    const cases = await scenarioCases();
    const ollama = await startFakeOllama(scripted());
    try {
      const config = (cacheEntries: number): OllamaConfig => ({
        provider: 'ollama',
        host: ollama.url,
        model: DEFAULT_OLLAMA_MODEL,
        keepAlive: '30m',
        numCtx: 4096,
        anonymize: false,
        ...DEFAULT_LLM_LIMITS,
        cacheEntries,
      });
      const uncached = createLlmService(config(0));
      const cached = createLlmService(config(256));
      const tokens: number[] = [];
      for (const { id, diagnosis, context } of cases) {
        const explained = await explainDiagnosis(diagnosis, context, uncached);
        if (explained.llm?.status !== 'ok') {
          throw new Error(
            `the LLM step of ${id} should succeed against the fake model, got ${JSON.stringify(explained.llm)}`,
          );
        }
        tokens.push(...explained.llm.steps.map((step) => step.promptTokens));
        await explainDiagnosis(diagnosis, context, cached);
      }
      let next = 0;
      const nextCase = () => cases[next++ % cases.length] as Case;
      const step = await sample(() => {
        const { diagnosis, context } = nextCase();
        return explainDiagnosis(diagnosis, context, uncached);
      }, rounds * cases.length);
      const hit = await sample(() => {
        const { diagnosis, context } = nextCase();
        return explainDiagnosis(diagnosis, context, cached);
      }, rounds * cases.length);
      return [
        { figure: `prompts over ${cases.length} scenarios`, value: tokens.length, unit: '' },
        { figure: 'prompt tokens p50', value: percentile(tokens, 50), unit: 'tokens' },
        {
          figure: 'prompt tokens p95',
          value: percentile(tokens, 95),
          unit: 'tokens',
          target: { op: '<=', value: 2000 },
        },
        { figure: 'prompt tokens max', value: Math.max(...tokens), unit: 'tokens' },
        { figure: 'LLM step overhead p50 (model answers at once)', value: percentile(step, 50), unit: 'ms' },
        { figure: 'LLM step overhead p95 (model answers at once)', value: percentile(step, 95), unit: 'ms' },
        { figure: 'LLM step from the cache p50', value: percentile(hit, 50), unit: 'ms' },
      ];
    } finally {
      await ollama.close();
    }
  },
};
