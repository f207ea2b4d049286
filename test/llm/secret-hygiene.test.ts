import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseScenario } from '../../backend/src/commands/scenario.js';
import { redactText } from '../../backend/src/kube/redact.js';
import { createLlmService, type LlmService } from '../../backend/src/llm/service.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { type FakeChat, type FakeLlmServer, startFakeOllama } from '../support/fake-ollama.js';
import { secretValues } from '../support/scenario-secrets.js';
import { json, scripted } from './support/answers.js';
import { ollamaConfig } from './support/configs.js';
import { freeTextRunbooks } from './support/free-text-runbooks.js';

const scenariosDir = join(import.meta.dirname, '..', 'scenarios');

/**
 * Diagnoses a scenario with the LLM, the free-text runbooks added so that every question is
 * asked somewhere, and returns the prompts the model received and the secrets it must not see:
 * the Secrets' values and the password of the sandbox's Git server (in Argo CD's repository Secret).
 */
async function promptsOf(dir: string, ollama: FakeLlmServer, service: LlmService) {
  const scenario = await readScenario(dir);
  const environment = await startScenarioEnvironment([scenario]);
  try {
    environment.apiServer.apply({
      ...freeTextRunbooks,
      metadata: {
        ...freeTextRunbooks.metadata,
        namespace: scenario.application.metadata.namespace ?? 'argocd',
      },
    });
    const before = ollama.chats.length;
    await diagnoseScenario(scenario, environment, service);
    return {
      chats: ollama.chats.slice(before),
      secrets: [...secretValues(scenario), environment.gitUser.password],
    };
  } finally {
    await environment.close();
  }
}

function expectClean(chats: readonly FakeChat[], secrets: readonly string[], id: string): void {
  for (const chat of chats) {
    const prompt = `${chat.system}\n${chat.user}`;
    for (const secret of secrets) expect(prompt, `${id} leaks a secret into a prompt`).not.toContain(secret);
    // Nothing that looks like a credential survives: redacting the prompt again changes nothing.
    expect(redactText(prompt), `${id} has a credential-like string in a prompt`).toBe(prompt);
  }
}

describe('no Secret value, token or password reaches a prompt', () => {
  let ollama: FakeLlmServer;
  let service: LlmService;
  const work = mkdtemp(join(tmpdir(), 'llm-secret-hygiene-'));
  beforeAll(async () => {
    // Choosing the free-text runbook wherever it is offered makes the model draft an edit there too.
    ollama = await startFakeOllama(
      scripted({ 'choose-runbook': () => json({ runbook: 'missing-setting-at-start', reason: 'It fits.' }) }),
    );
    service = createLlmService(ollamaConfig(ollama.url, { cacheEntries: 0 }));
  });
  afterAll(async () => {
    await ollama.close();
    await rm(await work, { recursive: true, force: true });
  });

  it('holds for every recorded scenario, whichever questions it asks', async () => {
    const uses = new Set<string>();
    let secretsChecked = 0;
    for (const id of (await readdir(scenariosDir)).sort()) {
      const { chats, secrets } = await promptsOf(join(scenariosDir, id), ollama, service);
      expect(chats.length, id).toBeGreaterThan(0);
      expectClean(chats, secrets, id);
      secretsChecked += secrets.length;
      for (const chat of chats) uses.add(Object.keys((chat.schema.properties ?? {}) as object).join(','));
    }
    expect(secretsChecked).toBeGreaterThan(19);
    // Explanations, runbook choices and drafted edits were all asked.
    expect(uses.size).toBe(3);
  });

  it('holds when the workload prints, inlines and passes them in every place a prompt quotes', async () => {
    const dir = join(await work, 'leaky');
    await cp(join(scenariosDir, 'crashloop-missing-env-no-runbook'), dir, { recursive: true });
    const password = 'Pa55-w0rd-9f8e7d';
    const token = 'tok3n-7Hq2Lm9Xv4';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub3RpZmllciJ9.c2lnbmF0dXJlLXZhbHVl';
    const awsKey = 'AKIAIOSFODNN7EXAMPLE';
    await writeFile(
      join(dir, 'cluster', 'secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: smtp, namespace: notifications}\nstringData: {password: ${password}, token: ${token}}\n`,
    );
    const logFile = join(dir, 'logs', 'notifications', 'notifier-g6xr7rnv9j-v6c2t', 'notifier.previous.log');
    await writeFile(
      logFile,
      [
        (await readFile(logFile, 'utf8')).trimEnd(),
        `ERROR connecting to smtp://notifier:${password}@relay.example.com failed`,
        `ERROR SMTP_PASSWORD=${password} rejected`,
        `ERROR auth header Authorization: Bearer ${token} refused`,
        `ERROR session ${jwt} expired`,
        `ERROR AWS key ${awsKey} denied`,
        `ERROR notifier: authentication failed with token: ${token}`,
        '',
      ].join('\n'),
    );
    const workloads = join(dir, 'cluster', 'workloads.yaml');
    await writeFile(
      workloads,
      (await readFile(workloads, 'utf8')).replaceAll(
        "        - name: SMTP_PORT\n          value: '587'",
        `        - name: SMTP_PORT\n          value: '587'\n        - name: SMTP_PASSWORD\n          value: ${password}\n        - name: RELAY_URL\n          value: 'smtp://notifier:${password}@relay.example.com'`,
      ),
    );
    const events = join(dir, 'cluster', 'events.yaml');
    await writeFile(
      events,
      (await readFile(events, 'utf8')).replace(
        'message: Created container notifier',
        `message: 'Created container notifier with DB_PASSWORD=${password} and token ${token}'`,
      ),
    );
    const { chats, secrets } = await promptsOf(dir, ollama, service);
    const prompts = chats.map((chat) => chat.user).join('\n');
    // The leaky lines and variables are in the prompts, masked: the test looks where they would leak.
    expect(prompts).toContain('authentication failed with token: ****');
    expect(prompts).toContain('env[name=SMTP_PASSWORD].value = "****"');
    expect(prompts).toContain('smtp://notifier:****@relay.example.com');
    expectClean(chats, [...secrets, password, token, jwt, awsKey], 'leaky');
  });
});
