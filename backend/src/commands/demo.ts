import { parseArgs } from 'node:util';
import { REACT_VERSIONS, type ReactVersion, startDemo } from '../demo/index.js';
import { durationMs } from '../support/duration.js';
import { UsageError } from './usage-error.js';

function port(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new UsageError(`--port must be a port number, got "${raw}"`);
  return value;
}

function reactVersion(raw: string): ReactVersion {
  const version = REACT_VERSIONS.find((candidate) => candidate === raw);
  if (!version) throw new UsageError(`--react must be one of ${REACT_VERSIONS.join(', ')}, got "${raw}"`);
  return version;
}

function triggerAfter(raw: string): number {
  try {
    return durationMs(raw);
  } catch {
    throw new UsageError(`--trigger-after must be a duration such as 20s or 1m, got "${raw}"`);
  }
}

/** The first app of a scenario with the given id, as `<name>`, for the guide. */
function appOf(demo: Awaited<ReturnType<typeof startDemo>>, scenario: string): string | undefined {
  return demo.scenarios.find((candidate) => candidate.id === scenario)?.spec.application.split('/')[1];
}

/**
 * `argocd-ai-sre demo [--port <n>] [--react 16|19] [--scenarios <dir>] [--trigger-after <duration>]`:
 * every scenario on one sandbox, the backend with its controller, and an Argo-like page with the
 * UI extension, until Ctrl-C.
 */
export async function demoCommand(args: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      scenarios: { type: 'string' },
      port: { type: 'string', default: '8080' },
      react: { type: 'string', default: '19' },
      'trigger-after': { type: 'string', default: '20s' },
    },
  });
  const demo = await startDemo({
    port: port(values.port),
    react: reactVersion(values.react),
    triggerAfterMs: triggerAfter(values['trigger-after']),
    ...(values.scenarios ? { scenariosDir: values.scenarios } : {}),
  });
  const healing = appOf(demo, 'image-registry-mirror');
  const approving = appOf(demo, 'oom-raise-memory');
  const other = values.react === '16' ? '19' : '16';
  out.write(
    `Open ${demo.url} (React ${values.react}; ${demo.url}/?react=${other} for React ${other}): ` +
      `${demo.scenarios.length} apps from test/scenarios on a sandbox cluster.\n`,
  );
  if (healing)
    out.write(
      `The app ${healing} is in auto mode and heals itself within a minute; watch it turn Healthy.\n`,
    );
  if (approving)
    out.write(
      `Open ${approving} → its Deployment → AI Diagnose → Propose fix → Approve, and it heals after the commit.\n`,
    );
  out.write(
    demo.llm.provider === 'off'
      ? `LLM: off (${demo.llm.reason}); diagnoses and runbook fixes work without it.\n`
      : `LLM: ${demo.llm.provider} ${demo.llm.model}.\n`,
  );
  out.write('Stop with Ctrl-C.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await demo.close();
  return 0;
}
