import { applicationObject, WRITE_ACTIONS, type WriteAction } from './actions.js';
import { type ApproverList, approversOf } from './approvers.js';
import { type Decision, decide } from './decide.js';
import { type Identity, identityOf } from './identity.js';
import type { PolicySnapshot } from './policy-source.js';
import { AuthzUnavailableError } from './unavailable.js';

/** Who asks about which app, as the trust layer read it from Argo CD's headers. */
export interface AuthzRequest {
  application: { namespace: string; name: string };
  project: string;
  username?: string;
  /** Argocd-User-Groups as received: trusted only for users who are not local accounts. */
  claimedGroups: readonly string[];
}

export interface AuthorizerOptions {
  /** Throws AuthzUnavailableError while Argo CD's RBAC is unknown. */
  policy: () => PolicySnapshot;
  /** The settings ConfigMap's data (approvers lists); throws when it cannot be read. */
  readSettings: () => Promise<Readonly<Record<string, string>>>;
  argocdNamespace: string;
}

export interface Verdict {
  identity: Identity;
  decision: Decision;
}

export interface Capabilities {
  identity: Identity;
  can: Record<WriteAction, boolean>;
  /** Why an action is not allowed, one sentence each, without repeats. */
  reasons: string[];
}

/** Decides on writes as Argo CD's RBAC would, narrowed by the project's approvers list. */
export class Authorizer {
  constructor(private readonly options: AuthorizerOptions) {}

  /** The verdict on one write; throws AuthzUnavailableError when it cannot be decided (fail closed). */
  async check(request: AuthzRequest, action: WriteAction): Promise<Verdict> {
    const snapshot = this.options.policy();
    const identity = identityOf(request.username, request.claimedGroups, snapshot.localAccounts);
    const approvers = await this.approvers(request.project);
    const enforcer = await snapshot.enforcerFor(request.project);
    return { identity, decision: this.decide(request, action, identity, snapshot, enforcer, approvers) };
  }

  /** What the user may do with the app; when that cannot be known, nothing, with the reason. */
  async capabilities(request: AuthzRequest): Promise<Capabilities> {
    const none = { propose: false, approve: false, reject: false, changeMode: false };
    let snapshot: PolicySnapshot;
    try {
      snapshot = this.options.policy();
    } catch (error) {
      if (!(error instanceof AuthzUnavailableError)) throw error;
      const identity = identityOf(request.username, request.claimedGroups, new Set());
      // Without argocd-cm, who is local is unknown: claim no groups rather than trust a forged one.
      return { identity: { ...identity, groups: [] }, can: none, reasons: [error.message] };
    }
    const identity = identityOf(request.username, request.claimedGroups, snapshot.localAccounts);
    try {
      const approvers = await this.approvers(request.project);
      const enforcer = await snapshot.enforcerFor(request.project);
      const can = { ...none };
      const reasons = new Set<string>();
      for (const action of WRITE_ACTIONS) {
        const decision = this.decide(request, action, identity, snapshot, enforcer, approvers);
        can[action] = decision.allowed;
        if (decision.reason) reasons.add(decision.reason);
      }
      return { identity, can, reasons: [...reasons] };
    } catch (error) {
      if (!(error instanceof AuthzUnavailableError)) throw error;
      return { identity, can: none, reasons: [error.message] };
    }
  }

  private decide(
    request: AuthzRequest,
    action: WriteAction,
    identity: Identity,
    snapshot: PolicySnapshot,
    enforcer: Awaited<ReturnType<PolicySnapshot['enforcerFor']>>,
    approvers: ApproverList | undefined,
  ): Decision {
    return decide({
      identity,
      action,
      project: request.project,
      object: applicationObject(request.project, request.application, this.options.argocdNamespace),
      enforcer,
      defaultRole: snapshot.rbac.defaultRole,
      approvers,
    });
  }

  private async approvers(project: string): Promise<ApproverList | undefined> {
    let data: Readonly<Record<string, string>>;
    try {
      data = await this.options.readSettings();
    } catch (error) {
      throw new AuthzUnavailableError(
        `the approvers lists cannot be read, so changes are refused: ${(error as Error).message}`,
      );
    }
    return approversOf(data, project);
  }
}
