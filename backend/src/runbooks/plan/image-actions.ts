import {
  formatImageReference,
  type ImageReference,
  parseImageReference,
} from '../../kube/image-reference.js';
import { describeRef } from '../../kube/objects.js';
import { type ContainerLocation, containerName, locateContainer } from './container-location.js';
import type { PathSegment } from './field-path.js';
import type { ActionArguments, ObjectEdit } from './fix-plan.js';
import { editAt, type PlanContext } from './plan-context.js';
import { PlanError } from './plan-error.js';

interface CurrentImage {
  location: ContainerLocation;
  path: PathSegment[];
  reference: ImageReference;
}

function currentImage(context: PlanContext, named: string | undefined): CurrentImage {
  const location = locateContainer(context.target, containerName(context.symptom, named));
  const image = location.container.image;
  const where = `container ${location.name} of ${describeRef(context.target.ref)}`;
  if (!image) throw new PlanError(`${where} names no image.`);
  const reference = parseImageReference(image);
  if (!reference) throw new PlanError(`the image of ${where}, ${image}, is not a valid image reference.`);
  return { location, path: [...location.path, { kind: 'key', key: 'image' }], reference };
}

function checkedImage(image: string, change: string): string {
  if (!parseImageReference(image))
    throw new PlanError(`${change} gives ${image}, which is not a valid image reference.`);
  return image;
}

/** `index.docker.io` and `docker.io` are the same registry; host names ignore case. */
function sameRegistry(a: string, b: string): boolean {
  const canonical = (registry: string) => {
    const host = registry.toLowerCase();
    return host === 'index.docker.io' ? 'docker.io' : host;
  };
  return canonical(a) === canonical(b);
}

/** The same repository, tag and digest, pulled from another registry. */
export function planImageRegistry(
  context: PlanContext,
  action: ActionArguments<'setImageRegistry'>,
): ObjectEdit[] {
  const { location, path, reference } = currentImage(context, action.container);
  if (!sameRegistry(reference.registry, action.from)) {
    throw new PlanError(
      `container ${location.name} of ${describeRef(context.target.ref)} pulls ${location.container.image} from ${reference.registry}, not from ${action.from}.`,
    );
  }
  const image = formatImageReference({ ...reference, registry: action.to, familiar: false });
  const change = `moving ${location.container.image} to registry ${action.to}`;
  return [editAt(context, 'setImageRegistry', path, checkedImage(image, change))];
}

/** The same image at another tag; a digest would pin the old content, so it goes. */
export function planImageTag(context: PlanContext, action: ActionArguments<'setImageTag'>): ObjectEdit[] {
  const { location, path, reference } = currentImage(context, action.container);
  const { registry, repository, familiar } = reference;
  const image = formatImageReference({ registry, repository, familiar, tag: action.tag });
  const change = `tagging ${location.container.image} ${action.tag}`;
  return [editAt(context, 'setImageTag', path, checkedImage(image, change))];
}

export function planImage(context: PlanContext, action: ActionArguments<'setImage'>): ObjectEdit[] {
  const location = locateContainer(context.target, containerName(context.symptom, action.container));
  const path: PathSegment[] = [...location.path, { kind: 'key', key: 'image' }];
  if (!parseImageReference(action.image)) {
    throw new PlanError(`the image ${action.image} is not a valid image reference.`);
  }
  return [editAt(context, 'setImage', path, action.image)];
}
