import { STATUS_CODES } from 'node:http';
import { ApiException } from '@kubernetes/client-node';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error.js';
import { describeApiError } from '../kube/api-error.js';

/**
 * An API server's failure that no route turned into an HttpError is a bad gateway, said in a few words:
 * its status and reason (describeApiError never includes credentials).
 */
function fromApiServer(error: FastifyError | HttpError): FastifyError | HttpError {
  return error instanceof ApiException
    ? new HttpError(502, `the Kubernetes API server failed: ${describeApiError(error)}`)
    : error;
}

function statusOf(error: FastifyError | HttpError): number {
  if (error instanceof HttpError) return error.statusCode;
  if (error.validation) return 400;
  return typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
}

/**
 * The one error handler: client errors and HttpErrors (whose messages are written for users) say what
 * is wrong; any other server error is logged in full and answered with the request id only, so no
 * internal detail (a path, a token, a stack) leaks.
 */
async function errorHandler(fastify: FastifyInstance): Promise<void> {
  fastify.setErrorHandler((thrown: FastifyError | HttpError, request, reply) => {
    const error = fromApiServer(thrown);
    if (error !== thrown) request.log.warn({ err: thrown }, error.message);
    const statusCode = statusOf(error);
    if (statusCode >= 500 && !(error instanceof HttpError)) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(statusCode).send({
        statusCode,
        error: 'Internal Server Error',
        message: `the request failed on the server; see the backend log for request ${request.id}`,
      });
    }
    return reply.code(statusCode).send({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: error.message,
    });
  });
  fastify.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url}` }),
  );
}

export default fp(errorHandler, { name: 'error-handler' });
