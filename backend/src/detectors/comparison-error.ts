import { describeRef, refOf } from '../kube/objects.js';
import type { Detector } from './detector.js';
import { statusEvidence } from './evidence.js';
import { applicationObject } from './support/application-object.js';
import { clipSentenceEnd } from './support/clip.js';
import type { Evidence, Symptom } from './symptom.js';

type Cause = 'ManifestGeneration' | 'InvalidSpec' | 'RepoUnreachable' | 'Other';

const CONDITION_TYPES = new Set(['ComparisonError', 'InvalidSpecError']);

/**
 * Checked before manifest generation: since Argo CD 2.6 every comparison error is wrapped in
 * "failed to generate manifest for source 1 of 1", even when the repository could not be fetched.
 * Bare network errors are not enough: a destination cluster that cannot be reached fails with them too.
 */
const REPO_UNREACHABLE =
  /failed to list refs|repository not found|authentication required|could not read Username|error fetching chart|failed to fetch chart|unable to connect to repository/i;

const MANIFEST_GENERATION =
  /Manifest generation error|failed to generate manifest|helm template|kustomize build|Error: template:|execution error at|error converting YAML|yaml: line \d+|failed to unmarshal|accumulating resources/i;

function classify(type: string, message: string): Cause {
  if (type === 'InvalidSpecError') return 'InvalidSpec';
  if (REPO_UNREACHABLE.test(message)) return 'RepoUnreachable';
  if (MANIFEST_GENERATION.test(message)) return 'ManifestGeneration';
  return 'Other';
}

/** Helm's advice after every template error; it says nothing about this one. */
const HELM_TRAILER = /\s*Use --debug flag to render out invalid YAML\s*$/;

/** The tool's own words: what follows the last `Error: ` (helm, kustomize) or the last gRPC `desc = `. */
function rootError(message: string): string {
  for (const marker of ['Error: ', 'desc = ']) {
    const at = message.lastIndexOf(marker);
    if (at >= 0) return message.slice(at + marker.length).replace(HELM_TRAILER, '');
  }
  return message;
}

function sentence(cause: Cause, application: string, message: string): string {
  switch (cause) {
    case 'ManifestGeneration':
      return `Argo CD cannot render the manifests of ${application}: ${clipSentenceEnd(rootError(message))}`;
    case 'RepoUnreachable':
      return `Argo CD cannot fetch the source repository of ${application}: ${clipSentenceEnd(rootError(message))}`;
    case 'InvalidSpec':
      return `${application} has an invalid spec: ${clipSentenceEnd(message)}`;
    case 'Other':
      return `Argo CD cannot compare ${application}: ${clipSentenceEnd(rootError(message))}`;
  }
}

/**
 * Argo CD could not turn the app's source into manifests, so it keeps the last synced state and
 * reports sync status Unknown: a broken chart, overlay or repository, or an invalid Application spec.
 */
export const comparisonErrorDetector: Detector = {
  type: 'ComparisonError',
  detect(snapshot) {
    const application = snapshot.application;
    const app = applicationObject(application);
    const ref = refOf(app);
    const name = describeRef(ref);
    const sync = application.status?.sync?.status;
    const seen = new Set<string>();
    const symptoms: Symptom[] = [];
    for (const [index, condition] of (application.status?.conditions ?? []).entries()) {
      if (!CONDITION_TYPES.has(condition.type) || seen.has(condition.message)) continue;
      seen.add(condition.message);
      const cause = classify(condition.type, condition.message);
      const evidence: Evidence[] = [
        statusEvidence(app, `status.conditions[${index}].message`, condition.message),
      ];
      if (sync === 'Unknown') evidence.push(statusEvidence(app, 'status.sync.status', sync));
      symptoms.push({
        type: 'ComparisonError',
        resource: ref,
        message: sentence(cause, name, condition.message),
        params: { cause, detail: condition.message },
        evidence,
      });
    }
    return symptoms;
  },
};
