import {
  type ApiDialect,
  type FakeLlmServer,
  type Responder,
  splitAnswer,
  startFakeServer,
} from './fake-ollama.js';

function messageText(body: Record<string, unknown>, role: string): string {
  const messages = (body.messages ?? []) as { role?: string; content?: string }[];
  return messages.find((message) => message.role === role)?.content ?? '';
}

const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

const openAiDialect: ApiDialect = {
  chatPath: '/chat/completions',
  gets: {
    '/models': {
      object: 'list',
      data: [{ id: 'qwen2.5-7b-instruct', object: 'model', owned_by: 'vllm' }],
    },
  },
  chatOf: (body, headers) => {
    const format = body.response_format as { json_schema?: { schema?: Record<string, unknown> } } | undefined;
    return {
      body,
      system: messageText(body, 'system'),
      user: messageText(body, 'user'),
      schema: format?.json_schema?.schema ?? {},
      stream: body.stream === true,
      headers,
    };
  },
  whole: (reply, model) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.answer },
        finish_reason: reply.cut ? 'length' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: reply.promptTokens ?? 100,
      completion_tokens: reply.evalTokens ?? 20,
      total_tokens: (reply.promptTokens ?? 100) + (reply.evalTokens ?? 20),
    },
  }),
  streamed: (reply, model) => ({
    contentType: 'text/event-stream',
    parts: [
      ': the server may send comments\n\n',
      ...splitAnswer(reply.answer, reply.pieces).map((piece) =>
        sse({
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          model,
          choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
        }),
      ),
      sse({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        model,
        choices: [{ index: 0, delta: {}, finish_reason: reply.cut ? 'length' : 'stop' }],
      }),
      sse({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        model,
        choices: [],
        usage: { prompt_tokens: reply.promptTokens ?? 100, completion_tokens: reply.evalTokens ?? 20 },
      }),
      sse('[DONE]'),
    ],
  }),
};

/**
 * A local server speaking the OpenAI chat completions API as vLLM and LM Studio do: POST
 * /v1/chat/completions (whole, or streamed as Server-Sent Events) and GET /v1/models.
 */
export function startFakeOpenAi(responder: Responder): Promise<FakeLlmServer> {
  return startFakeServer(openAiDialect, '/v1', responder);
}
