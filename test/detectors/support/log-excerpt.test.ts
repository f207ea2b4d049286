import { describe, expect, it } from 'vitest';
import { errorExcerpt, tailOf } from '../../../backend/src/detectors/support/log-excerpt.js';
import { logOf } from '../../support/snapshot.js';

const log = (text: string) => logOf('ns', 'pod', 'app', text, true);

describe('errorExcerpt', () => {
  it.each([
    {
      name: 'a Java stack: the last cause, not a frame naming an Exception class',
      text: `2026-11-17 08:00:01.200 INFO  o.s.b.StartupInfoLogger : Starting LedgerApplication v8.3.1
Exception in thread "main" java.lang.IllegalStateException: Failed to load ApplicationContext
\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)
Caused by: org.postgresql.util.PSQLException: Connection to ledger-db:5432 refused.
\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)
\tat com.example.ledger.ExceptionTranslator.translate(ExceptionTranslator.java:40)
\t... 42 more`,
      line: 'Caused by: org.postgresql.util.PSQLException: Connection to ledger-db:5432 refused.',
    },
    {
      name: 'a Node.js crash: the Error line below the source excerpt',
      text: `/app/dist/server.js:12
    throw new Error('DATABASE_URL is not set');
    ^

Error: DATABASE_URL is not set
    at Object.<anonymous> (/app/dist/server.js:12:11)
    at Module._compile (node:internal/modules/cjs/loader:1256:14)
Node.js v20.10.0`,
      line: 'Error: DATABASE_URL is not set',
    },
    {
      name: 'JSON logs: the error entry after the info entries',
      text: `{"level":"info","msg":"connecting","host":"db"}
{"level":"error","msg":"dial failed","error":"dial tcp 10.0.0.5:5432: i/o timeout"}
{"level":"info","msg":"shutting down"}`,
      line: '{"level":"error","msg":"dial failed","error":"dial tcp 10.0.0.5:5432: i/o timeout"}',
    },
    {
      name: 'a Python KeyError',
      text: `Traceback (most recent call last):
  File "/app/main.py", line 3, in <module>
    url = os.environ["DATABASE_URL"]
KeyError: 'DATABASE_URL'`,
      line: "KeyError: 'DATABASE_URL'",
    },
  ])('states $name', ({ text, line }) => {
    expect(errorExcerpt(log(text))?.line).toBe(line);
  });

  it('prefers the exception a library explains right after it over the explanation', () => {
    const excerpt = errorExcerpt(
      log(`sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection refused
(Background on this error at: https://sqlalche.me/e/20/e3q8)`),
    );
    expect(excerpt?.line).toBe(
      'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection refused',
    );
  });

  it('does not reach back to an exception that an unrelated later error follows', () => {
    const excerpt = errorExcerpt(
      log(`ValueError: bad cache entry, skipped
worker 1 ready
worker 2 ready
worker 3 ready
worker 4 ready
worker 5 ready
FATAL: could not bind 0.0.0.0:8080: address already in use`),
    );
    expect(excerpt?.line).toBe('FATAL: could not bind 0.0.0.0:8080: address already in use');
  });

  it('keeps at most twenty lines, the newest, without the info lines', () => {
    const frames = Array.from({ length: 30 }, (_, i) => `  File "/app/m${i}.py", line ${i}, in f${i}`);
    const excerpt = errorExcerpt(
      log(
        ['INFO starting', 'Traceback (most recent call last):', ...frames, 'RuntimeError: boom'].join('\n'),
      ),
    );
    expect(excerpt?.lines).toHaveLength(20);
    expect(excerpt?.lines.at(-1)).toBe('RuntimeError: boom');
    expect(excerpt?.lines).not.toContain('INFO starting');
  });

  it('cuts very long lines', () => {
    const excerpt = errorExcerpt(log(`ERROR ${'x'.repeat(1000)}`));
    expect(excerpt?.lines[0]).toHaveLength(500);
    expect(excerpt?.line).toHaveLength(300);
    expect(excerpt?.line.endsWith('…')).toBe(true);
  });

  it('finds nothing in a log without errors', () => {
    expect(
      errorExcerpt(log('level=INFO msg="listening" addr=:8080\nlevel=INFO msg="request failed=0 errors=0"')),
    ).toBeUndefined();
  });
});

describe('tailOf', () => {
  it('returns the last non-empty lines', () => {
    expect(tailOf(log('a\nb\nc\nd'), 2)).toEqual(['c', 'd']);
  });
});
