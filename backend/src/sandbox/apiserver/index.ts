export { SandboxApiServer, type SandboxApiServerOptions } from './sandbox-api-server.js';
export type { AccessRule, ApiRequestRecord, Fault, SandboxUser } from './types.js';
