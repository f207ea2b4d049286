import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitRunner, LOCAL_GIT_TIMEOUT_MS } from '../../backend/src/gitops/git/run-git.js';
import { GitOpsError } from '../../backend/src/gitops/gitops-error.js';
import { openGitHubPullRequest } from '../../backend/src/gitops/pull-request/github.js';
import { openGitLabMergeRequest } from '../../backend/src/gitops/pull-request/gitlab.js';
import { apiReader } from '../../backend/src/kube/api-reader.js';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { LlmAssistant } from '../../backend/src/llm/assistant.js';
import { createOllamaClient } from '../../backend/src/llm/clients/ollama-client.js';
import { createOpenAiClient } from '../../backend/src/llm/clients/openai-client.js';
import { readJsonAnswer } from '../../backend/src/llm/json-answer.js';
import { isTransient } from '../../backend/src/remediation/transient.js';
import { DeadlineError } from '../../backend/src/support/deadline-error.js';
import { ollamaConfig, openAiConfig } from '../llm/support/configs.js';
import { type StalledServer, startStalledServer } from './support/stalled-server.js';

function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'stalled', server, skipTLSVerify: true }],
    users: [{ name: 'nobody', token: 'not-a-real-token' }],
    contexts: [{ name: 'stalled', cluster: 'stalled', user: 'nobody' }],
    currentContext: 'stalled',
  });
  return kubeConfig;
}

const pullRequest = {
  repository: 'team/shop',
  token: 'forge-token-never-shown',
  head: 'fix',
  base: 'main',
  title: 'fix',
  body: 'fix',
};

describe('every outbound call has a deadline (against a server that accepts and never answers)', () => {
  let stalled: StalledServer;
  let home: string;

  beforeAll(async () => {
    stalled = await startStalledServer();
    home = await mkdtemp(join(tmpdir(), 'ai-sre-git-deadline-'));
    await writeFile(join(home, 'gitconfig'), '');
  });
  afterAll(async () => {
    await stalled.close();
    await rm(home, { recursive: true, force: true });
  });

  it('a typed Kubernetes client call ends with a 504 naming the API and the wait', async () => {
    const kube = kubeClients(kubeConfigFor(stalled.url), { callTimeoutMs: 200 });
    const error = await kube.core.listNamespace().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({
      statusCode: 504,
      message: 'the Kubernetes API did not answer within 200 ms',
    });
    expect(isTransient(error)).toBe(true);
    const objects = await kube.objects.list('v1', 'ConfigMap', 'argocd').catch((caught: unknown) => caught);
    expect(objects).toBeInstanceOf(DeadlineError);
  });

  it('a raw read ends with a 504 naming the path, and a caller that cancels keeps its own reason', async () => {
    const reader = apiReader(kubeConfigFor(stalled.url), 200);
    await expect(reader.getJson('/api/v1/namespaces/shop/pods')).rejects.toMatchObject({
      statusCode: 504,
      message: 'the Kubernetes API (GET /api/v1/namespaces/shop/pods) did not answer within 200 ms',
    });
    const cancelled = new AbortController();
    const read = reader.getText('/api/v1/namespaces/shop/pods/web/log', cancelled.signal);
    cancelled.abort(new Error('the client went away'));
    await expect(read).rejects.toThrow('the client went away');
  });

  it('git is killed at its deadline and says the remote did not answer', async () => {
    const git = new GitRunner({ home, globalConfig: join(home, 'gitconfig') }, {}, 1000);
    const error = await git
      .run(['ls-remote', `${stalled.url}/team/shop.git`])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitOpsError);
    expect((error as GitOpsError).message).toBe(
      'git ls-remote was stopped: the Git remote did not answer within 1 s',
    );
    expect(isTransient(error)).toBe(true);
  });

  it('local git commands get a shorter deadline than network ones', () => {
    const git = new GitRunner({ home, globalConfig: join(home, 'gitconfig') }, {}, 120_000);
    expect(git.deadlineOf(['fetch', '--depth', '1', 'origin'])).toBe(120_000);
    expect(git.deadlineOf(['push', '--porcelain', 'origin', 'HEAD:main'])).toBe(120_000);
    expect(git.deadlineOf(['commit', '--quiet'])).toBe(LOCAL_GIT_TIMEOUT_MS);
    expect(new GitRunner({ home, globalConfig: '' }, {}, 5000).deadlineOf(['log'])).toBe(5000);
  });

  it('a model call gives up at its timeout, through Ollama or an OpenAI-compatible API', async () => {
    const task = {
      system: 'Explain.',
      user: 'Why?',
      schemaName: 'answer',
      schema: { type: 'object' },
      read: (text: string) => readJsonAnswer(text, Type.Object({ summary: Type.String() })),
    };
    const ollama = ollamaConfig(stalled.url, { timeoutMs: 200 });
    const openai = openAiConfig(stalled.url, { timeoutMs: 200 });
    for (const assistant of [
      new LlmAssistant(createOllamaClient(ollama), ollama),
      new LlmAssistant(createOpenAiClient(openai), openai),
    ]) {
      await expect(assistant.ask(task)).rejects.toMatchObject({
        failure: 'timeout',
        message: expect.stringMatching(/within 200 ms$/),
      });
    }
  });

  it('opening a pull or merge request ends with a 504 naming the forge, never its token', async () => {
    for (const open of [openGitHubPullRequest, openGitLabMergeRequest]) {
      const error = await open(stalled.url, pullRequest, 300).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeadlineError);
      expect((error as Error).message).toMatch(
        /^(GitHub pull request|GitLab merge request): the API at 127\.0\.0\.1:\d+ did not answer within 300 ms$/,
      );
      expect((error as Error).message).not.toContain(pullRequest.token);
    }
  });
});
