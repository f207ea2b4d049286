import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_KUBE_LIMITS } from '../config.js';
import { detectors } from '../detectors/index.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { kubeClients, loadKubeConfig } from '../kube/clients.js';
import { gatherSnapshot } from '../kube/gather/index.js';
import { loadRunbookCatalog } from '../runbooks/load.js';
import { recordScenario } from '../sandbox/scenario/record-scenario.js';
import { UsageError } from './usage-error.js';

/** `argocd-ai-sre record --app <namespace>/<name> --out <dir> [--kubeconfig <file>] [--argocd-namespace <ns>]`. */
export async function recordCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      app: { type: 'string' },
      out: { type: 'string' },
      kubeconfig: { type: 'string' },
      'argocd-namespace': { type: 'string' },
    },
  });
  const [namespace, name, ...rest] = (values.app ?? '').split('/');
  if (!namespace || !name || rest.length) throw new UsageError('record needs --app <namespace>/<name>');
  if (!values.out) throw new UsageError('record needs --out <dir>');
  const existing = await readdir(values.out).catch(() => []);
  if (existing.length > 0)
    throw new UsageError(`${values.out} is not empty; record writes a new scenario directory`);
  const kube = kubeClients(loadKubeConfig(values.kubeconfig));
  const argocdNamespace = values['argocd-namespace'] ?? namespace;
  const { diagnosis, snapshot } = await diagnose(
    () =>
      gatherSnapshot({
        control: kube,
        argocdNamespace,
        application: { namespace, name },
        limits: DEFAULT_KUBE_LIMITS,
        readSecretKeys: true,
        now: () => new Date(),
      }),
    {
      detectors,
      runbooks: await loadRunbookCatalog(kube, [argocdNamespace]),
      stopwatch: () => performance.now(),
    },
  );
  for (const [path, content] of recordScenario(snapshot, diagnosis)) {
    const file = join(values.out, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  out.write(
    `recorded ${namespace}/${name} into ${values.out}: ${diagnosis.symptoms.length} symptoms, primary ${
      diagnosis.primary?.type ?? 'none'
    }\nconfirm expect in scenario.yaml and put the app's Git files in repo/ before you use it as a test\n`,
  );
  return 0;
}
