import { errorExcerpt } from '../../detectors/support/log-excerpt.js';
import type { Evidence, Symptom } from '../../detectors/symptom.js';
import { describeRef, type ResourceRef, refKey } from '../../kube/objects.js';
import { redactedLine } from '../one-line.js';

/** One line of evidence as a prompt shows it, standing for every piece of evidence that says the same. */
export interface DigestItem {
  /** `E1`: what the model cites. */
  shortId: string;
  /** The evidence ids of the diagnosis it stands for. */
  ids: string[];
  /** Index of the first (highest-ranked) symptom that has it. */
  symptom: number;
  /** The full line, then shorter forms. */
  forms: string[];
}

const MAX_MESSAGE = 400;
const MAX_LOG_LINE = 300;
const LOG_LINES_BEFORE_ERROR = 4;
const LOG_LINES_AFTER_ERROR = 2;
const MAX_RESOURCES_NAMED = 2;

/** The same message about different pods is one finding: names are blanked for the comparison. */
function withoutNames(text: string, resources: readonly ResourceRef[]): string {
  return resources.reduce((result, resource) => result.replaceAll(resource.name, '*'), text);
}

function dedupeKey(evidence: Evidence): string {
  const { resource } = evidence;
  switch (evidence.kind) {
    case 'event':
      return `event|${resource.kind}|${evidence.type}|${evidence.reason}|${withoutNames(evidence.message, [resource])}`;
    case 'status':
      return `status|${resource.kind}|${evidence.field}|${withoutNames(evidence.value, [resource])}`;
    case 'log':
      return `log|${evidence.container}|${evidence.previous}|${withoutNames(evidence.lines.join('\n'), [resource])}`;
  }
}

function describeResources(resources: readonly ResourceRef[]): string {
  const [first] = resources;
  if (!first || resources.length === 1) return first ? describeRef(first) : 'the application';
  const names = resources
    .slice(0, MAX_RESOURCES_NAMED)
    .map((resource) => (resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name));
  const more = resources.length - names.length;
  return `${resources.length} ${first.kind}s ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Consecutive repeats of a line become one line with a count. */
function collapseRepeats(lines: readonly string[]): string[] {
  const result: { line: string; count: number }[] = [];
  for (const line of lines) {
    const last = result.at(-1);
    if (last && last.line === line) last.count++;
    else result.push({ line, count: 1 });
  }
  return result.map(({ line, count }) => (count > 1 ? `${line} (repeated ${count} times)` : line));
}

/**
 * The last error-bearing line of the log with a few lines before it and after, else its last lines.
 * Returned longest first: the forms a prompt may use when it is short of room.
 */
export function logLineForms(lines: readonly string[]): string[][] {
  const clean = lines.map((line) => redactedLine(line, MAX_LOG_LINE)).filter((line) => line !== '');
  const excerpt = errorExcerpt({
    namespace: '',
    pod: '',
    container: '',
    previous: false,
    lines: clean,
    truncated: false,
  });
  let at = clean.length - 1;
  if (excerpt) {
    const statement = excerpt.line.endsWith('…') ? excerpt.line.slice(0, -1) : excerpt.line;
    const found = clean.findLastIndex((line) => line.trim().startsWith(statement));
    if (found >= 0) at = found;
  }
  const around = collapseRepeats(
    clean.slice(Math.max(0, at - LOG_LINES_BEFORE_ERROR), at + 1 + (excerpt ? LOG_LINES_AFTER_ERROR : 0)),
  );
  const errorLine = collapseRepeats(clean.slice(at, at + 1));
  return around.length > errorLine.length ? [around, errorLine] : [errorLine];
}

function forms(evidence: Evidence, resources: readonly ResourceRef[], count: number): string[] {
  const on = describeResources(resources);
  switch (evidence.kind) {
    case 'event': {
      const times = count > 1 ? `, ${count} times` : '';
      const head = `event ${evidence.type} ${evidence.reason} on ${on}${times}`;
      return [
        `${head}: ${redactedLine(evidence.message, MAX_MESSAGE)}`,
        `${head}: ${redactedLine(evidence.message, 120)}`,
      ];
    }
    case 'status':
      return [
        `${on} ${evidence.field} = ${redactedLine(evidence.value, MAX_MESSAGE)}`,
        `${on} ${evidence.field} = ${redactedLine(evidence.value, 120)}`,
      ];
    case 'log': {
      const head = `log of container ${evidence.container} of ${on}${evidence.previous ? ' (previous instance)' : ''}:`;
      return logLineForms(evidence.lines).map((lines) =>
        [head, ...lines.map((line) => `    ${line}`)].join('\n'),
      );
    }
  }
}

/**
 * The evidence of ranked symptoms as prompt lines: what says the same (one event on each of three
 * pods) is shown once with its count, every message is redacted and clipped, and logs are cut to
 * their last error-bearing lines. Items follow the symptoms' rank, so budgets keep the primary's.
 */
export function digestEvidence(symptoms: readonly Symptom[], maxPerSymptom: number): DigestItem[] {
  const groups = new Map<
    string,
    { symptom: number; evidence: Evidence; ids: string[]; resources: ResourceRef[]; count: number }
  >();
  symptoms.forEach((symptom, position) => {
    for (const evidence of symptom.evidence.slice(0, maxPerSymptom)) {
      const key = dedupeKey(evidence);
      const group = groups.get(key);
      if (!group) {
        groups.set(key, {
          symptom: position,
          evidence,
          ids: [evidence.id],
          resources: [evidence.resource],
          count: evidence.kind === 'event' ? evidence.count : 1,
        });
        continue;
      }
      if (group.ids.includes(evidence.id)) continue;
      group.ids.push(evidence.id);
      if (!group.resources.some((resource) => refKey(resource) === refKey(evidence.resource)))
        group.resources.push(evidence.resource);
      group.count += evidence.kind === 'event' ? evidence.count : 1;
    }
  });
  return [...groups.values()].map((group, index) => {
    const shortId = `E${index + 1}`;
    return {
      shortId,
      ids: group.ids,
      symptom: group.symptom,
      forms: forms(group.evidence, group.resources, group.count).map((form) => `  [${shortId}] ${form}`),
    };
  });
}
