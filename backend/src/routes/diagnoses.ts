import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import { explainDiagnosis, type LlmStepContext, type LlmStepOptions } from '../diagnosis/llm-step.js';
import { LlmError } from '../llm/llm-error.js';
import type { LlmService } from '../llm/service.js';
import { DiagnosisSchema, errorResponses, optionalBody, ResourceRefSchema } from './schemas.js';

const DiagnosisRequestSchema = Type.Object(
  {
    target: Type.Optional(ResourceRefSchema),
    /** Read the cluster afresh instead of accepting a diagnosis made moments ago (the UI's Refresh). */
    refresh: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const DiagnosisQuerySchema = Type.Object(
  { refresh: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

const LlmStatusSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('off'),
  Type.Literal('unavailable'),
  Type.Literal('timeout'),
  Type.Literal('invalid'),
]);

const ExplanationSchema = Type.Object({
  summary: Type.String(),
  rootCause: Type.String(),
  confidence: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
  evidence: Type.Array(Type.String()),
  nextStep: Type.String(),
  model: Type.String(),
});

const LlmOutcomeSchema = Type.Object({
  status: LlmStatusSchema,
  detail: Type.Optional(Type.String()),
  provider: Type.Optional(Type.Union([Type.Literal('ollama'), Type.Literal('openai')])),
  model: Type.Optional(Type.String()),
  steps: Type.Array(
    Type.Object({
      use: Type.String(),
      status: Type.String(),
      detail: Type.Optional(Type.String()),
      source: Type.Optional(Type.String()),
      promptTokens: Type.Number(),
      modelPromptTokens: Type.Optional(Type.Number()),
      evalTokens: Type.Optional(Type.Number()),
      ms: Type.Number(),
    }),
  ),
});

const [PlanSchema] = DiagnosisSchema.properties.plan.anyOf;
const [RunbookChoiceSchema] = DiagnosisSchema.properties.runbook.anyOf;

/** The diagnosis with what the LLM step adds: a drafted plan, a runbook it chose, the explanation. */
const ExplainedDiagnosisSchema = Type.Object({
  ...DiagnosisSchema.properties,
  runbook: Type.Union([
    Type.Object({
      ...RunbookChoiceSchema.properties,
      chosenBy: Type.Optional(Type.Literal('llm')),
      reason: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  plan: Type.Union([
    Type.Object({
      ...PlanSchema.properties,
      drafted: Type.Optional(Type.Literal(true)),
      rationale: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  explanation: Type.Optional(ExplanationSchema),
  llm: Type.Optional(LlmOutcomeSchema),
});

// The schema serialises what the pipeline returns: a Diagnosis must fit it, or this line fails to compile.
export const explainedDiagnosisFitsSchema = (diagnosis: Diagnosis): Static<typeof ExplainedDiagnosisSchema> =>
  diagnosis;

/** Argo CD's proxy adds no response timeout, but load balancers in front of it drop idle connections. */
const HEARTBEAT_MS = 15_000;

function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '')
    .split(',')
    .some((type) => type.trim().startsWith('text/event-stream'));
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new LlmError('aborted', 'the client went away'));
  });
  return controller.signal;
}

/**
 * The LLM step, which never costs the user the deterministic diagnosis: the model's failures are
 * already outcomes, and anything else going wrong in the step is logged and reported the same way.
 * Rejects only when the client left (LlmError 'aborted'), since nobody reads the answer then.
 */
async function explainSafely(
  request: FastifyRequest,
  diagnosis: Diagnosis,
  context: LlmStepContext,
  service: LlmService,
  options: LlmStepOptions,
): Promise<Diagnosis> {
  try {
    return await explainDiagnosis(diagnosis, context, service, options);
  } catch (error) {
    if (error instanceof LlmError && error.failure === 'aborted') throw error;
    request.log.error({ err: error }, 'the LLM step failed');
    const detail = `the LLM step failed on the server; see the backend log for request ${request.id}`;
    return { ...diagnosis, llm: { status: 'unavailable', detail, steps: [] } };
  }
}

/**
 * Server-Sent Events: `diagnosis` at once (the deterministic result), then what the LLM step
 * adds as it comes (`runbook`, `plan`, `explanation-delta`), then `explanation` when there is
 * one, `llm-status` always, and `done` with the whole diagnosis as the JSON answer has it. A
 * client that leaves aborts the model call. The reply is written raw, past Fastify's serializer.
 */
async function streamDiagnosis(
  request: FastifyRequest,
  reply: FastifyReply,
  diagnosis: Diagnosis,
  context: LlmStepContext,
  service: LlmService,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx and others buffer responses unless told not to.
    'X-Accel-Buffering': 'no',
  });
  raw.flushHeaders();
  const gone = clientGone(reply);
  const send = (event: string, data: unknown) => {
    if (!raw.writableEnded && !raw.destroyed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const heartbeat = setInterval(() => {
    if (!raw.writableEnded && !raw.destroyed) raw.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  send('diagnosis', diagnosis);
  try {
    const explained = await explainSafely(request, diagnosis, context, service, {
      signal: gone,
      onEvent: (event) => {
        if (event.type === 'explanation-delta') send(event.type, { field: event.field, text: event.text });
        else if (event.type === 'runbook') send(event.type, event.runbook);
        else send(event.type, event.plan);
      },
    });
    if (explained.explanation) send('explanation', explained.explanation);
    send('llm-status', explained.llm);
    send('done', explained);
  } catch {
    // The client left; there is nobody to tell.
  } finally {
    clearInterval(heartbeat);
    raw.end();
  }
}

/**
 * POST /api/v1/diagnoses: the diagnosis of the app Argo CD names, or of one of its resources,
 * with the LLM's explanation. `Accept: text/event-stream` gets the deterministic result at once
 * and the rest as it is generated; a JSON client gets it all at the end. When the model is off,
 * unreachable, slow or answers nonsense, the diagnosis comes without it and `llm` says why.
 * A diagnosis of the same app and target made moments ago is reused unless `refresh` (in the
 * body or the query) asks for a fresh one, which the next requests then reuse.
 */
export const diagnosesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/diagnoses',
    {
      schema: {
        body: optionalBody(DiagnosisRequestSchema),
        querystring: DiagnosisQuerySchema,
        response: { 200: ExplainedDiagnosisSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { application, project } = request.argocd;
      const target = request.body?.target;
      const refresh = request.body?.refresh === true || request.query.refresh === true;
      const { diagnosis, snapshot } = await fastify.diagnosis.run({
        application,
        project,
        ...(target ? { target } : {}),
        recent: refresh ? 'replace' : 'reuse',
      });
      const context: LlmStepContext = { snapshot, runbooks: fastify.runbooks.catalog() };
      if (wantsEventStream(request)) {
        await streamDiagnosis(request, reply, diagnosis, context, fastify.llm);
        return reply;
      }
      // When the client leaves, nobody reads the answer: the deterministic diagnosis will do.
      return explainSafely(request, diagnosis, context, fastify.llm, { signal: clientGone(reply) }).catch(
        () => diagnosis,
      );
    },
  );
};
