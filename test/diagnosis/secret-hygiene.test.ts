import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseScenario } from '../../backend/src/commands/scenario.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';
import { secretValues } from '../support/scenario-secrets.js';

const scenariosDir = join(import.meta.dirname, '..', 'scenarios');

async function diagnosisText(dir: string): Promise<{ text: string; secrets: string[] }> {
  const scenario = await readScenario(dir);
  const environment = await startScenarioEnvironment([scenario]);
  try {
    return {
      text: JSON.stringify(await diagnoseScenario(scenario, environment)),
      secrets: secretValues(scenario),
    };
  } finally {
    await environment.close();
  }
}

describe('no Secret value reaches a diagnosis', () => {
  it('holds for every recorded scenario', async () => {
    let checked = 0;
    for (const id of (await readdir(scenariosDir)).sort()) {
      const { text, secrets } = await diagnosisText(join(scenariosDir, id));
      for (const secret of secrets) {
        expect(text, `${id} leaks a Secret value`).not.toContain(secret);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  describe('even when the workload itself prints or inlines them', () => {
    const work = mkdtemp(join(tmpdir(), 'secret-hygiene-'));
    afterAll(async () => rm(await work, { recursive: true, force: true }));

    it('masks them in logs, event messages and literal env values', async () => {
      const dir = join(await work, 'leaky');
      await cp(join(scenariosDir, 'crashloop-missing-env-no-runbook'), dir, { recursive: true });
      const password = 'Pa55-w0rd-9f8e7d';
      const token = 'tok3n-7Hq2Lm9Xv4';
      await writeFile(
        join(dir, 'cluster', 'secret.yaml'),
        `apiVersion: v1\nkind: Secret\nmetadata: {name: smtp, namespace: notifications}\nstringData: {password: ${password}, token: ${token}}\n`,
      );
      const logFile = join(
        dir,
        'logs',
        'notifications',
        'notifier-g6xr7rnv9j-v6c2t',
        'notifier.previous.log',
      );
      await writeFile(
        logFile,
        `${await readFile(logFile, 'utf8')}connecting to smtp://notifier:${password}@relay.example.com\nSMTP_PASSWORD=${password}\nauth header Authorization: Bearer ${token}\nERROR notifier: authentication failed with token: ${token}\n`,
      );
      const workloads = join(dir, 'cluster', 'workloads.yaml');
      await writeFile(
        workloads,
        (await readFile(workloads, 'utf8')).replaceAll(
          "        - name: SMTP_PORT\n          value: '587'",
          `        - name: SMTP_PORT\n          value: '587'\n        - name: SMTP_PASSWORD\n          value: ${password}`,
        ),
      );
      const events = join(dir, 'cluster', 'events.yaml');
      await writeFile(
        events,
        (await readFile(events, 'utf8')).replace(
          'message: Created container notifier',
          `message: 'Created container notifier with DB_PASSWORD=${password}'`,
        ),
      );
      const { text } = await diagnosisText(dir);
      expect(text).toContain('CrashLoopBackOff');
      // The leaky lines are the last of the log, so the crash loop's log evidence quotes them, masked.
      expect(text).toContain('authentication failed with token: ****');
      expect(text).not.toContain(password);
      expect(text).not.toContain(token);
    });
  });
});
