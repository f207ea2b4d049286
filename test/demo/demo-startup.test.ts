import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demoCommand } from '../../backend/src/commands/demo.js';
import { UsageError } from '../../backend/src/commands/usage-error.js';
import { startDemo } from '../../backend/src/demo/index.js';
import { availableLlm } from '../../backend/src/demo/llm-availability.js';
import { loadLlmConfig } from '../../backend/src/llm/config.js';

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('the demo refuses what it cannot run, before starting anything', () => {
  it.each([
    [['--react', '17'], '--react must be one of 16, 19, got "17"'],
    [['--port', 'eighty'], '--port must be a port number, got "eighty"'],
    [['--trigger-after', 'soon'], '--trigger-after must be a duration such as 20s or 1m, got "soon"'],
  ])('demo %j', async (args, message) => {
    await expect(demoCommand(args, silent)).rejects.toThrow(new UsageError(message));
  });

  it('says to build the extension when there is none', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-extension-'));
    try {
      await expect(startDemo({ extensionsDir: empty, port: 0 })).rejects.toThrow(
        `no UI extension under ${empty}: build it first (npm run build)`,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('the demo’s model', () => {
  const ollama = loadLlmConfig({ OLLAMA_HOST: 'http://ollama.invalid:11434' });

  it('is Ollama when it answers', async () => {
    const answering = (async () => new Response('{"version":"0.12.0"}')) as typeof fetch;
    expect(await availableLlm(ollama, answering)).toBe(ollama);
  });

  it('is off, saying why, when Ollama does not answer or answers with an error', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await availableLlm(ollama, refused)).toEqual({
      provider: 'off',
      reason: 'Ollama does not answer at http://ollama.invalid:11434',
    });
    const failing = (async () => new Response('', { status: 502 })) as typeof fetch;
    expect(await availableLlm(ollama, failing)).toEqual({
      provider: 'off',
      reason: 'Ollama at http://ollama.invalid:11434 answered 502',
    });
  });

  it('is left as configured when it is not Ollama', async () => {
    const off = loadLlmConfig({});
    const unused = (async () => {
      throw new Error('must not be called');
    }) as typeof fetch;
    expect(await availableLlm(off, unused)).toBe(off);
  });
});
