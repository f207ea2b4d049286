import type { ConfigMap } from '../kube/objects.js';
import { problemOf } from './problems.js';
import { readRunbookText } from './runbook-text.js';
import type { Runbook, RunbookProblem, RunbookSource } from './schema.js';
import { validateRunbook } from './validate-runbook.js';
import { isPlainObject, kindOf } from './yaml-values.js';

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceAndName(a: ConfigMap, b: ConfigMap): number {
  return (
    compareText(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') ||
    compareText(a.metadata?.name ?? '', b.metadata?.name ?? '')
  );
}

function describeSource(source: RunbookSource): string {
  return `${source.namespace}/${source.configMap}/${source.key}`;
}

/** The id a problem names, when the document has one that reads as an id at all. */
function readableId(document: Record<string, unknown>): string | undefined {
  return typeof document.id === 'string' && document.id !== '' ? document.id : undefined;
}

/**
 * Reads runbook ConfigMaps, one runbook per data key. Deterministic: ConfigMaps by namespace and
 * name, keys sorted, so the same ConfigMaps always give the same runbooks and problems, and of two
 * runbooks with one id the first in that order wins. Never throws: a data key yields either a
 * runbook or a problem, and a ConfigMap without data keys yields one problem.
 */
export function parseRunbookConfigMaps(configMaps: readonly ConfigMap[]): {
  runbooks: Runbook[];
  problems: RunbookProblem[];
} {
  const runbooks: Runbook[] = [];
  const problems: RunbookProblem[] = [];
  const firstSourceById = new Map<string, RunbookSource>();
  for (const configMap of [...configMaps].sort(byNamespaceAndName)) {
    const namespace = configMap.metadata?.namespace ?? '';
    const name = configMap.metadata?.name ?? '';
    // Typed as strings, but ConfigMaps may come from hand-written YAML: trust no field's shape.
    const data: unknown = configMap.data;
    const keys = isPlainObject(data) ? Object.keys(data).sort(compareText) : [];
    if (!isPlainObject(data) || keys.length === 0) {
      const why = data === undefined || isPlainObject(data) ? 'has no data' : `has ${kindOf(data)} as data`;
      problems.push(
        problemOf({ namespace, configMap: name, key: '' }, undefined, [
          { message: `${why}: each data key holds one runbook as YAML text` },
        ]),
      );
      continue;
    }
    for (const key of keys) {
      const source: RunbookSource = { namespace, configMap: name, key };
      const text = readRunbookText(data[key]);
      if (!text.ok) {
        problems.push(problemOf(source, undefined, [text.error]));
        continue;
      }
      const id = readableId(text.document);
      const validated = validateRunbook(text.document, source);
      if (!validated.ok) {
        problems.push(problemOf(source, id, validated.errors));
        continue;
      }
      const { runbook } = validated;
      const first = firstSourceById.get(runbook.id);
      if (first) {
        problems.push(
          problemOf(source, runbook.id, [
            {
              field: 'id',
              message: `${runbook.id} is already defined in ${describeSource(first)}, which wins`,
            },
          ]),
        );
        continue;
      }
      firstSourceById.set(runbook.id, source);
      runbooks.push(runbook);
    }
  }
  return { runbooks, problems };
}
