import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { kubeClients } from '../../backend/src/kube/clients.js';
import { SETTINGS_NAME } from '../../backend/src/remediation/settings.js';
import type { ScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { runCommand } from '../../backend/src/support/run-command.js';
import { buildExtension } from '../../scripts/build.js';

export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

/**
 * The extension bundle built from the current sources by the project's build, into a folder of its
 * own (dist/ may be rebuilt meanwhile); returns the folder to hand the demo as its extensions.
 */
export async function buildExtensionInto(dir: string): Promise<string> {
  await buildExtension(dir);
  return join(dir, 'resources');
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

function repositoryOf(environment: ScenarioEnvironment, scenario: string) {
  const repository = environment.repositories.find((entry) => entry.scenario === scenario);
  if (!repository) throw new Error(`no repository for scenario ${scenario}`);
  return repository;
}

/** The commit subjects of the scenario's branch in its bare repository, newest first. */
export async function commitSubjects(environment: ScenarioEnvironment, scenario: string): Promise<string[]> {
  const repository = repositoryOf(environment, scenario);
  const { stdout } = await runCommand('git', [
    '--git-dir',
    repository.bareDir,
    'log',
    '--format=%s',
    repository.branch,
  ]);
  return stdout.trim().split('\n');
}

/** The app's mode as the settings ConfigMap in the sandbox holds it. */
export async function storedMode(environment: ScenarioEnvironment, key: string): Promise<string | undefined> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(environment.kubeconfig);
  const configMap = await kubeClients(kubeConfig).core.readNamespacedConfigMap({
    namespace: 'argocd',
    name: SETTINGS_NAME,
  });
  return configMap.data?.[key];
}
