import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../backend/src/support/run-command.js';
import { json, scripted } from '../llm/support/answers.js';
import { ollamaConfig } from '../llm/support/configs.js';
import { startBackend, type TestBackend, testConfig } from '../support/backend.js';
import { type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { call, fastController, records, settles } from './support.js';

const scenarios = join(import.meta.dirname, '..', 'scenarios');
const ENV_PATH = 'spec.template.spec.containers[name=api].env[name=PAYMENT_GATEWAY_URL].value';

describe('a fix the model drafts', () => {
  let ollama: FakeLlmServer;
  let backend: TestBackend;
  beforeAll(async () => {
    ollama = await startFakeOllama(
      scripted({
        'draft-edit': () =>
          json({
            edits: [{ path: ENV_PATH, value: 'https://gateway.example.com' }],
            rationale: 'The log names it.',
          }),
      }),
    );
    backend = await startBackend([join(scenarios, 'crashloop-missing-env-approve')], {
      llm: ollamaConfig(ollama.url),
      controller: true,
      config: { remediation: { ...testConfig().remediation, ...fastController } },
    });
  });
  afterAll(async () => {
    await backend.close();
    await ollama.close();
  });

  it('waits for a person even in auto mode, and once approved lands in Git like any fix', async () => {
    expect(
      (await call(backend, 'argocd/subscriptions-api', 'PUT', '/settings', { mode: 'auto' })).status,
    ).toBe(200);
    const proposal = await settles(backend, 'argocd/subscriptions-api', 'proposed');
    expect(proposal).toMatchObject({
      drafted: true,
      runbook: { id: 'missing-env-var-approve-only', automation: 'approve' },
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await records(backend, 'argocd/subscriptions-api')).map((record) => record.state)).toEqual([
      'proposed',
    ]);

    const approved = await call(
      backend,
      'argocd/subscriptions-api',
      'POST',
      `/remediations/${proposal.id}/approve`,
      undefined,
      'carol',
    );
    expect(approved.status).toBe(200);
    const committed = await settles(backend, 'argocd/subscriptions-api', 'verifying');
    const repository = backend.environment.repositories[0];
    if (!repository || !committed.commit) throw new Error('nothing was committed');
    const files = committed.change.files.map((file) => file.path);
    const { stdout } = await runCommand('git', [
      '--git-dir',
      repository.bareDir,
      'show',
      `${committed.commit.sha}:${files[0]}`,
    ]);
    expect(stdout).toContain('https://gateway.example.com');
    expect(
      await readFile(join(scenarios, 'crashloop-missing-env-approve', 'scenario.yaml'), 'utf8'),
    ).toContain('fix: []');
  });
});
