import type { CommitMeta, ProposedChange } from '../proposal/proposed-change.js';

/** A commit message in git's shape: a subject line, a body, and `Key: value` trailers. */
export interface CommitMessage {
  subject: string;
  body: string;
  trailers: [string, string][];
}

export function formatMessage(message: CommitMessage): string {
  const trailers = message.trailers.map(([key, value]) => `${key}: ${value}`).join('\n');
  return `${[message.subject, message.body, trailers].filter((part) => part !== '').join('\n\n')}\n`;
}

function appName(change: ProposedChange): string {
  return `${change.application.namespace}/${change.application.name}`;
}

/** A single line: trailers and subjects must not be broken by text from a symptom or a reason. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The message of a fix: which app, which symptom, which runbook, and where each edit landed. */
export function fixMessage(change: ProposedChange, meta: CommitMeta): CommitMessage {
  const symptom = oneLine(meta.symptom);
  const subject = change.reverts
    ? `${meta.app}: revert "${oneLine(change.reverts.subject)}" (${symptom})`
    : `${meta.app}: fix ${symptom} (runbook ${meta.runbook})`;
  const lines = [
    `Argo CD application ${appName(change)} shows ${symptom}; runbook ${meta.runbook} fixes it.`,
  ];
  if (change.reverts) lines.push('', `This reverts commit ${change.reverts.commit}.`);
  if (change.placements.length > 0) {
    lines.push(
      '',
      ...change.placements.map((placement) => `- ${placement.edit}: ${placement.file} ${placement.field}`),
    );
  }
  return {
    subject,
    body: lines.join('\n'),
    trailers: [
      ['Remediation-Id', oneLine(meta.remediationId)],
      ['Runbook', oneLine(meta.runbook)],
    ],
  };
}

/** The message of a rollback of an earlier fix whose verification failed. */
export function rollbackMessage(
  change: ProposedChange,
  original: { sha: string; subject: string },
  remediationId: string,
  reason: string,
): CommitMessage {
  return {
    subject: `Revert "${oneLine(original.subject)}"`,
    body: [`This reverts commit ${original.sha}.`, '', `${appName(change)}: ${reason.trim()}`].join('\n'),
    trailers: [['Reverts-Remediation', oneLine(remediationId)]],
  };
}

/** A pull request says what the commit says, and shows the diff. */
export function pullRequestBody(message: CommitMessage, diffs: readonly string[]): string {
  const diff = diffs.join('');
  return `${message.body}\n\n\`\`\`diff\n${diff}\`\`\`\n\n${message.trailers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
}
