import { ApiException, type CoordinationV1Api, type V1Lease, V1MicroTime } from '@kubernetes/client-node';

export interface LeaderOptions {
  coordination: CoordinationV1Api;
  namespace: string;
  name: string;
  identity: string;
  leaseSeconds: number;
  now: () => Date;
}

function expired(lease: V1Lease, now: Date): boolean {
  const renewed = lease.spec?.renewTime ?? lease.spec?.acquireTime;
  if (!renewed) return true;
  const seconds = lease.spec?.leaseDurationSeconds ?? 15;
  return new Date(renewed).getTime() + seconds * 1000 < now.getTime();
}

/**
 * Leader election with a coordination.k8s.io Lease, as client-go does it: the holder renews the lease;
 * another replica takes it over only once it expired. Every write presents the resourceVersion it read,
 * so two replicas cannot both take it.
 */
export class LeaderElection {
  private leading = false;

  constructor(private readonly options: LeaderOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries once to take or renew the lease; returns whether this replica leads now. */
  async tryAcquire(): Promise<boolean> {
    const { coordination, namespace, name, identity, leaseSeconds } = this.options;
    const now = this.options.now();
    const time = new V1MicroTime(now.getTime());
    try {
      let lease: V1Lease | undefined;
      try {
        lease = await coordination.readNamespacedLease({ namespace, name });
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 404)) throw error;
      }
      if (!lease) {
        await coordination.createNamespacedLease({
          namespace,
          body: {
            metadata: { name, namespace },
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds: leaseSeconds,
              acquireTime: time,
              renewTime: time,
              leaseTransitions: 0,
            },
          },
        });
        this.leading = true;
        return true;
      }
      const holder = lease.spec?.holderIdentity;
      if (holder !== identity && !expired(lease, now)) {
        this.leading = false;
        return false;
      }
      const taking = holder !== identity;
      await coordination.replaceNamespacedLease({
        namespace,
        name,
        body: {
          ...lease,
          spec: {
            ...lease.spec,
            holderIdentity: identity,
            leaseDurationSeconds: leaseSeconds,
            renewTime: time,
            ...(taking
              ? { acquireTime: time, leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + 1 }
              : {}),
          },
        },
      });
      this.leading = true;
      return true;
    } catch (error) {
      // Lost a race (409) or could not reach the API: not the leader until the next successful renewal.
      this.leading = false;
      if (error instanceof ApiException && (error.code === 409 || error.code === 404)) return false;
      throw error;
    }
  }
}
