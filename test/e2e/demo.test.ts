import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, REACT_VERSIONS, startDemo } from '../../backend/src/demo/index.js';
import { buildExtensionInto, commitSubjects, launchChromium, screenshot, storedMode } from './support.js';

/** Long enough that the list shows the auto-mode app broken first, short enough to watch it heal. */
const TRIGGER_AFTER_MS = 4000;
/** Generous: the suite may share two cores with every other test file. */
const STEP_MS = 30_000;

let browser: Browser;
let workDir: string;
let extensionsDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'argocd-ai-sre-e2e-'));
  [extensionsDir, browser] = await Promise.all([buildExtensionInto(workDir), launchChromium()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe.each(REACT_VERSIONS)('the demo page on React %s', (react) => {
  let demo: Demo;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    demo = await startDemo({
      port: 0,
      react,
      triggerAfterMs: TRIGGER_AFTER_MS,
      llm: { provider: 'off', reason: 'no model in the browser tests' },
      logLevel: 'silent',
      extensionsDir,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_MS);
    page.on('pageerror', (error) => errors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await page?.close();
    await demo?.close();
  });

  it('lists every app of the sandbox with its health, on the React it was asked for', async () => {
    await page.goto(`${demo.url}/?react=${react}`);
    const version = page.getByTestId('react-version');
    await version.waitFor();
    expect(await version.textContent()).toMatch(new RegExp(`^React ${react}\\.`));
    const row = page.getByRole('link', { name: 'Application image-resizer' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Progressing');
    expect(await page.getByRole('link', { name: /^Application / }).count()).toBe(demo.scenarios.length);
    await screenshot(page, `react-${react}-app-list`);
  });

  it('refuses bad requests with a clear status, and never hands out a secret', async () => {
    const text = async (path: string, init?: RequestInit) => {
      const response = await fetch(`${demo.url}${path}`, init);
      return `${response.status} ${(await response.text()).trim()}`;
    };
    expect(await text('/?react=17')).toBe('400 ?react= must be one of 16, 19');
    expect(await text('/assets/fontawesome/..%2F..%2F..%2Fpackage.json')).toBe('404 not found');
    expect(await text('/assets/fontawesome/css/%E0%A4%A')).toBe('404 not found');
    expect(await text('/api/applications/argocd/image-resizer/resource?name=web')).toBe(
      '400 {"message":"kind and name are required"}',
    );
    expect(await text('/', { method: 'POST' })).toBe('405 the demo page is read-only');
    const settings = '/extensions/ai-sre/api/v1/settings';
    expect(await text(settings)).toBe(
      '400 Invalid headers: header "Argocd-Application-Name" must be provided',
    );
    const asked = { 'Argocd-Application-Name': 'argocd:image-resizer', 'Argocd-Project-Name': 'payments' };
    expect(await text(settings, { headers: asked })).toBe('401 Unauthorized extension request');
    const ok = await fetch(`${demo.url}${settings}`, {
      headers: { ...asked, 'Argocd-Project-Name': 'default' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ mode: 'approve' });
    // Argo CD's repository Secret is no resource of the app: the page cannot read it.
    const secret = await text(
      '/api/applications/argocd/image-resizer/resource?version=v1&kind=Secret&namespace=argocd&name=repo-oom-raise-memory',
    );
    expect(secret).toBe('404 {"message":"Secret repo-oom-raise-memory is not a live resource of this app"}');
    const deployment = await fetch(
      `${demo.url}/api/applications/argocd/image-resizer/resource?group=apps&version=v1&kind=Deployment&namespace=imaging&name=image-resizer`,
    );
    expect(await deployment.json()).toMatchObject({
      kind: 'Deployment',
      metadata: { name: 'image-resizer' },
    });
    const page = await text(`/?react=${react}`);
    expect(page).not.toContain(demo.config.sharedSecret);
  });

  it('diagnoses the OOM app, proposes the runbook fix, and commits it on approval', async () => {
    const before = await commitSubjects(demo.environment, 'oom-raise-memory');
    await page.getByRole('link', { name: 'Application image-resizer' }).click();
    await page.getByRole('button', { name: 'Deployment image-resizer' }).click();
    const panel = page.getByRole('dialog', { name: 'Deployment image-resizer' });
    await panel.getByRole('tab', { name: 'AI Diagnose' }).click();
    await panel.getByText('Primary symptom').waitFor({ timeout: STEP_MS });
    await panel.getByText('OOMKilled', { exact: true }).first().waitFor();
    await panel.getByRole('button', { name: 'Propose fix' }).click();
    // The diff's added line, scrolled to so the screenshot shows the change.
    const added = panel.getByText(/memory: 512Mi/).first();
    await added.waitFor({ timeout: STEP_MS });
    await added.scrollIntoViewIfNeeded();
    await screenshot(page, `react-${react}-diagnose-diff`);
    await panel.getByRole('button', { name: /Approve$/ }).click();
    await panel
      .getByText(/Committed|Verifying|Healed/)
      .first()
      .waitFor({ timeout: STEP_MS });
    await expect
      .poll(() => commitSubjects(demo.environment, 'oom-raise-memory'), { timeout: STEP_MS })
      .toHaveLength(before.length + 1);
    await screenshot(page, `react-${react}-approved`);
    await panel.getByRole('button', { name: 'Close' }).click();
  }, 90_000);

  it('switches another app to auto from the status panel flyout, after confirmation', async () => {
    await page.goto(`${demo.url}/?react=${react}#/applications/argocd/notifier`);
    // The Application's own panel diagnoses the whole app: no runbook covers this crash loop.
    await page.getByRole('button', { name: 'Application notifier' }).click();
    const appPanel = page.getByRole('dialog', { name: 'Application notifier' });
    await appPanel.getByRole('tab', { name: 'AI Diagnose' }).click();
    await appPanel.getByText('CrashLoopBackOff', { exact: true }).first().waitFor();
    await appPanel.getByRole('button', { name: 'Close' }).click();
    const item = page.locator('.application-status-panel__item', { hasText: 'AI SRE' });
    await item.getByRole('button').click();
    const flyout = page.getByRole('dialog', { name: 'AI SRE' });
    for (const heading of ['Mode', 'Pending proposals', 'History', 'Runbooks']) {
      await flyout.getByRole('heading', { name: heading }).waitFor({ timeout: STEP_MS });
    }
    await flyout.getByRole('radio', { name: 'Auto' }).click();
    expect(await storedMode(demo.environment, 'mode.argocd.notifier')).toBe('approve');
    await flyout.getByRole('button', { name: 'Switch to auto' }).click();
    await expect
      .poll(() => storedMode(demo.environment, 'mode.argocd.notifier'), { timeout: STEP_MS })
      .toBe('auto');
    await screenshot(page, `react-${react}-flyout`);
  }, 90_000);

  it('shows the app in auto mode healed by the controller’s commit', async () => {
    await page.goto(`${demo.url}/?react=${react}#/`);
    const row = page.getByRole('link', { name: 'Application shop-web' });
    await expect.poll(async () => row.textContent(), { timeout: 60_000, interval: 500 }).toContain('Healthy');
    const subjects = await commitSubjects(demo.environment, 'image-registry-mirror');
    expect(subjects.length).toBeGreaterThan(1);
    await screenshot(page, `react-${react}-healed`);
    expect(errors).toEqual([]);
  }, 90_000);
});
