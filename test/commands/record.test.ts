import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { recordCommand } from '../../backend/src/commands/record.js';
import { runScenario } from '../../backend/src/commands/scenario.js';
import { startScenarioEnvironment } from '../../backend/src/sandbox/scenario/environment.js';
import { readScenario } from '../../backend/src/sandbox/scenario/read-scenario.js';

const scenariosDir = join(import.meta.dirname, '..', 'scenarios');

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('argocd-ai-sre record', () => {
  const work = mkdtemp(join(tmpdir(), 'record-'));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  for (const id of ['oom-raise-memory', 'readiness-wrong-port', 'cronjob-backoff-limit']) {
    it(`records ${id} from a live cluster, and the recording replays to the same diagnosis`, async () => {
      const original = await readScenario(join(scenariosDir, id));
      const environment = await startScenarioEnvironment([original]);
      const out = join(await work, id);
      const kubeconfig = join(await work, `${id}.kubeconfig`);
      try {
        await writeFile(kubeconfig, environment.kubeconfig);
        const output = collector();
        const code = await recordCommand(
          ['--app', original.spec.application, '--out', out, '--kubeconfig', kubeconfig],
          output.stream,
        );
        expect(code).toBe(0);
        expect(output.text()).toContain(`recorded ${original.spec.application} into ${out}`);
      } finally {
        await environment.close();
      }

      const recordedSpec = parse(await readFile(join(out, 'scenario.yaml'), 'utf8'));
      expect(recordedSpec.expect.primary).toBe(original.spec.expect.primary);
      const recordedCluster = await readFile(join(out, 'cluster', 'workloads.yaml'), 'utf8');
      expect(recordedCluster).not.toContain('managedFields');

      await rm(join(out, 'repo'), { recursive: true });
      await cp(join(scenariosDir, id, 'repo'), join(out, 'repo'), { recursive: true });
      const [replayed, reference] = await Promise.all([
        runScenario(out),
        runScenario(join(scenariosDir, id)),
      ]);
      expect(replayed.ok).toBe(true);
      expect(replayed.symptoms).toEqual(reference.symptoms);
    });
  }

  it('refuses to write into a directory that is not empty', async () => {
    await expect(
      recordCommand(['--app', 'argocd/x', '--out', scenariosDir], collector().stream),
    ).rejects.toThrow(/is not empty/);
  });
});
