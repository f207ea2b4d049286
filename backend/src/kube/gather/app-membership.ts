import type { Deployment, Ingress, KubeObject, Pod, ResourceRef } from '../objects.js';

/** Kinds kept whoever they belong to: they are the surroundings the app's objects depend on. */
const contextKinds = new Set([
  'Node',
  'ResourceQuota',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'StorageClass',
  'IngressClass',
]);

function backendServices(object: KubeObject): string[] {
  const ingress = object as Ingress;
  const namespace = ingress.metadata?.namespace;
  const names = [
    ingress.spec?.defaultBackend?.service?.name,
    ...(ingress.spec?.rules ?? []).flatMap((rule) =>
      (rule.http?.paths ?? []).map((path) => path.backend.service?.name),
    ),
  ];
  return names.filter((name): name is string => Boolean(name)).map((name) => `${namespace}/${name}`);
}

/** Keeps what belongs to the app: its managed resources and everything they own, with their events. */
export function belongingToApp(
  objects: readonly KubeObject[],
  managed: readonly ResourceRef[],
): KubeObject[] {
  const managedKeys = new Set(managed.map((ref) => `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`));
  const nameKey = (object: KubeObject) =>
    `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
  const kept = new Set(objects.filter((object) => managedKeys.has(nameKey(object))));
  const keptUids = new Set([...kept].map((object) => object.metadata?.uid).filter(Boolean));
  // Owners come before what they own in this order: Deployment → ReplicaSet → Pod, CronJob → Job → Pod.
  for (const kind of ['ReplicaSet', 'Job', 'Pod']) {
    for (const object of objects) {
      if (object.kind !== kind) continue;
      if (object.metadata?.ownerReferences?.some((owner) => keptUids.has(owner.uid))) {
        kept.add(object);
        keptUids.add(object.metadata?.uid);
      }
    }
  }
  // Without the ReplicaSets (their list failed), a Deployment's pods are still known by its selector.
  const listedUids = new Set(objects.map((object) => object.metadata?.uid).filter(Boolean));
  const selectors = [...kept]
    .filter((object) => object.kind === 'Deployment')
    .map((deployment) => ({
      namespace: deployment.metadata?.namespace,
      labels: Object.entries((deployment as Deployment).spec?.selector?.matchLabels ?? {}),
    }))
    .filter((selector) => selector.labels.length > 0);
  for (const object of objects) {
    if (object.kind !== 'Pod' || kept.has(object)) continue;
    const owner = object.metadata?.ownerReferences?.find((reference) => reference.controller);
    if (owner?.kind !== 'ReplicaSet' || listedUids.has(owner.uid)) continue;
    const labels = object.metadata?.labels ?? {};
    const selected = selectors.some(
      (selector) =>
        selector.namespace === object.metadata?.namespace &&
        selector.labels.every(([key, value]) => labels[key] === value),
    );
    if (selected) {
      kept.add(object);
      keptUids.add(object.metadata?.uid);
    }
  }
  // An Ingress may route to a Service that another app manages; the route's health depends on it.
  const routed = new Set([...kept].filter((object) => object.kind === 'Ingress').flatMap(backendServices));
  for (const object of objects) {
    if (object.kind === 'Service' && routed.has(`${object.metadata?.namespace}/${object.metadata?.name}`)) {
      kept.add(object);
    }
  }
  const services = new Set(
    [...kept]
      .filter((object) => object.kind === 'Service')
      .map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`),
  );
  const keptNames = new Set([...kept].map(nameKey));
  const claims = new Set(
    [...kept].flatMap((object) =>
      object.kind === 'Pod'
        ? ((object as Pod).spec?.volumes ?? []).flatMap((volume) =>
            volume.persistentVolumeClaim
              ? [`${object.metadata?.namespace}/${volume.persistentVolumeClaim.claimName}`]
              : [],
          )
        : [],
    ),
  );
  return objects.filter((object) => {
    if (kept.has(object)) return true;
    const namespacedName = `${object.metadata?.namespace}/${object.metadata?.name}`;
    switch (object.kind) {
      case 'Endpoints':
        return services.has(namespacedName);
      case 'PersistentVolumeClaim':
        return claims.has(namespacedName);
      case 'Event': {
        const involved = (
          object as { involvedObject?: { uid?: string; kind?: string; namespace?: string; name?: string } }
        ).involvedObject;
        return (
          (involved?.uid !== undefined && keptUids.has(involved.uid)) ||
          keptNames.has(`${involved?.kind}/${involved?.namespace ?? ''}/${involved?.name}`)
        );
      }
      default:
        return contextKinds.has(object.kind ?? '');
    }
  });
}
