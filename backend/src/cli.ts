import { demoCommand } from './commands/demo.js';
import { recordCommand } from './commands/record.js';
import { sandboxCommand } from './commands/sandbox.js';
import { scenarioCommand } from './commands/scenario.js';
import { UsageError } from './commands/usage-error.js';
import { ScenarioError } from './sandbox/scenario/scenario-error.js';

const usage = `Usage: argocd-ai-sre <command> [options]

Commands:
  scenario <dir> [--json] [--apply [--out <dir>]] [--llm]
                            load a scenario into a sandbox cluster, diagnose its app with the
                            backend's pipeline and check what scenario.yaml expects; --apply
                            commits the fix to the scenario's Git server and checks expect.fix,
                            --out writes the fixed tree there, --llm asks the configured model
  sandbox <dir>...          serve scenarios on a sandbox API server and Git server until
                            interrupted; prints the path of a kubeconfig for kubectl
  demo [--port <n>] [--react 16|19] [--scenarios <dir>] [--trigger-after <duration>]
                            every scenario on one sandbox, the backend with its controller, and an
                            Argo CD-like page with the UI extension (http://localhost:8080)
  record --app <ns>/<name> --out <dir> [--kubeconfig <file>] [--argocd-namespace <ns>]
                            write a scenario directory from a live cluster: objects, logs and
                            today's diagnosis as expectations to confirm
`;

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'scenario':
      return scenarioCommand(args, process.stdout);
    case 'sandbox':
      return sandboxCommand(args, process.stdout);
    case 'record':
      return recordCommand(args, process.stdout);
    case 'demo':
      return demoCommand(args, process.stdout);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ScenarioError) {
      process.stderr.write(`invalid scenario: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
