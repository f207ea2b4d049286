import Type, { type Static } from 'typebox';
import { SYMPTOM_TYPES } from '../detectors/symptom.js';

/** A glob (`registry-a.*`) or a regular expression between slashes (`/timeout|no such host/`). */
const Pattern = Type.String({ minLength: 1 });
const Name = Type.String({ minLength: 1 });
const Quantity = Type.String({ minLength: 1 });
/** A quantity (`512Mi`) or a multiplier of the current value (`x2`, `x1.5`). */
const QuantityOrMultiplier = Type.String({ minLength: 1 });
const ResourceAmounts = Type.Record(Type.String({ minLength: 1 }), QuantityOrMultiplier);

/** Every action may name the container; by default it is the container the symptom names. */
const container = { container: Type.Optional(Name) };

export const ActionSchemas = {
  setImageRegistry: Type.Object({ from: Name, to: Name, ...container }, { additionalProperties: false }),
  setImageTag: Type.Object({ tag: Name, ...container }, { additionalProperties: false }),
  setImage: Type.Object({ image: Name, ...container }, { additionalProperties: false }),
  setResources: Type.Object(
    {
      requests: Type.Optional(ResourceAmounts),
      limits: Type.Optional(ResourceAmounts),
      max: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Quantity)),
      ...container,
    },
    { additionalProperties: false },
  ),
  setEnv: Type.Object({ name: Name, value: Type.String(), ...container }, { additionalProperties: false }),
  setProbe: Type.Object(
    {
      probe: Type.Union([Type.Literal('readiness'), Type.Literal('liveness'), Type.Literal('startup')]),
      port: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Name])),
      path: Type.Optional(Type.String({ pattern: '^/' })),
      initialDelaySeconds: Type.Optional(Type.Integer({ minimum: 0 })),
      periodSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
      timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
      failureThreshold: Type.Optional(Type.Integer({ minimum: 1 })),
      successThreshold: Type.Optional(Type.Integer({ minimum: 1 })),
      ...container,
    },
    { additionalProperties: false },
  ),
  setReplicas: Type.Object({ replicas: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  setField: Type.Object({ path: Name, value: Type.Unknown() }, { additionalProperties: false }),
  revertLastChange: Type.Object({}, { additionalProperties: false }),
};

export type ActionName = keyof typeof ActionSchemas;
export const ACTION_NAMES = Object.keys(ActionSchemas) as ActionName[];

/** One action: an object with exactly one key, the action's name. */
export type Action = {
  [Name in ActionName]: { [K in Name]: Static<(typeof ActionSchemas)[Name]> };
}[ActionName];

export const RunbookSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 253 }),
    description: Type.Optional(Type.String()),
    symptom: Type.Object(
      {
        type: Type.Optional(Type.Enum(SYMPTOM_TYPES)),
        when: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Pattern)),
        text: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
    solution: Type.Object(
      {
        text: Type.Optional(Type.String({ minLength: 1 })),
        actions: Type.Optional(Type.Array(Type.Unknown(), { minItems: 1 })),
      },
      { additionalProperties: false },
    ),
    automation: Type.Optional(Type.Union([Type.Literal('approve'), Type.Literal('auto')])),
    scope: Type.Optional(
      Type.Object(
        {
          projects: Type.Optional(Type.Array(Pattern)),
          applications: Type.Optional(Type.Array(Pattern)),
          namespaces: Type.Optional(Type.Array(Pattern)),
        },
        { additionalProperties: false },
      ),
    ),
    verify: Type.Optional(
      Type.Object(
        {
          timeout: Type.Optional(Type.String({ pattern: '^\\d+(s|m|h)$' })),
          revertOnFailure: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Where a runbook was read from: a data key of a ConfigMap. */
export interface RunbookSource {
  namespace: string;
  configMap: string;
  key: string;
}

/** A validated runbook, defaults filled in. */
export interface Runbook {
  id: string;
  description?: string;
  symptom: { type?: (typeof SYMPTOM_TYPES)[number]; when: Record<string, string>; text?: string };
  solution: { text?: string; actions: Action[] };
  automation: 'approve' | 'auto';
  scope: { projects?: string[]; applications?: string[]; namespaces?: string[] };
  verify: { timeout: string; revertOnFailure: boolean };
  source: RunbookSource;
}

/** Why a runbook was skipped: `runbooks-registry/registry-a-to-b.yaml: solution.actions[0].setImageRegistry.to: required`. */
export interface RunbookProblem {
  source: RunbookSource;
  /** The runbook's id when it could be read. */
  id?: string;
  field?: string;
  message: string;
}
