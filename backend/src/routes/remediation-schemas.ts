import Type, { type Static } from 'typebox';
import { REMEDIATION_STATES, type Remediation } from '../remediation/record.js';
import { FixPlanSchema, ResourceRefSchema } from './schemas.js';

const StateSchema = Type.Enum(REMEDIATION_STATES);

export const RemediationSchema = Type.Object({
  id: Type.String(),
  application: Type.Object({ namespace: Type.String(), name: Type.String(), project: Type.String() }),
  fingerprint: Type.String(),
  symptom: Type.Object({ type: Type.String(), resource: ResourceRefSchema, message: Type.String() }),
  runbook: Type.Object({
    id: Type.String(),
    automation: Type.Union([Type.Literal('approve'), Type.Literal('auto')]),
    verify: Type.Object({ timeout: Type.String(), revertOnFailure: Type.Boolean() }),
  }),
  plan: FixPlanSchema,
  drafted: Type.Boolean(),
  change: Type.Object({
    repoURL: Type.String(),
    branch: Type.String(),
    baseCommit: Type.String(),
    files: Type.Array(Type.Object({ path: Type.String(), diff: Type.String() })),
  }),
  state: StateSchema,
  history: Type.Array(
    Type.Object({
      state: StateSchema,
      by: Type.String(),
      at: Type.String(),
      detail: Type.Optional(Type.String()),
    }),
  ),
  commit: Type.Optional(
    Type.Object({
      sha: Type.String(),
      branch: Type.String(),
      mode: Type.Union([Type.Literal('push'), Type.Literal('pull-request'), Type.Literal('branch')]),
      pullRequestUrl: Type.Optional(Type.String()),
    }),
  ),
  revertCommit: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  retry: Type.Optional(
    Type.Object({ attempts: Type.Integer(), lastError: Type.String(), lastAt: Type.String() }),
  ),
});

// The schema serialises the records the workflow returns: a Remediation must fit it, or this fails to compile.
export const remediationFitsSchema = (record: Remediation): Static<typeof RemediationSchema> => record;

export const ModeSchema = Type.Union([Type.Literal('off'), Type.Literal('approve'), Type.Literal('auto')]);

export const AppSettingsSchema = Type.Object({
  mode: ModeSchema,
  /** The mode of apps that have none of their own. */
  defaultMode: ModeSchema,
  /** Every automatic fix is stopped; proposals and approvals go on. */
  paused: Type.Boolean(),
});
