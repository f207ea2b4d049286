import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startScenarioEnvironment } from '../sandbox/scenario/environment.js';
import { readScenario } from '../sandbox/scenario/read-scenario.js';
import { UsageError } from './usage-error.js';

/** `argocd-ai-sre sandbox <dir>...`: serves the scenarios until interrupted. */
export async function sandboxCommand(dirs: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  if (dirs.length === 0) throw new UsageError('sandbox needs at least one scenario directory');
  const scenarios = await Promise.all(dirs.map((dir) => readScenario(dir)));
  const environment = await startScenarioEnvironment(scenarios);
  const kubeconfigPath = join(environment.workDir, 'kubeconfig');
  await writeFile(kubeconfigPath, environment.kubeconfig, { mode: 0o600 });
  out.write(`${kubeconfigPath}\n`);
  out.write(`# kubectl --kubeconfig ${kubeconfigPath} get pods -A\n`);
  for (const repository of environment.repositories) {
    out.write(
      `# ${repository.scenario}: ${repository.repoURL} served at ${repository.url} (branch ${repository.branch})\n`,
    );
  }
  out.write(`# git user ${environment.gitUser.username}, password ${environment.gitUser.password}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await environment.close();
  return 0;
}
