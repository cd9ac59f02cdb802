// Whether a stage is known to run as root right after its FROM: where a fix would insert a
// RUN that needs root (apk add).
import { NON_ROOT_OFFICIAL_IMAGES } from '../knowledge/non-root-images';
import type { Stage } from './types';

/**
 * True only when the stage runs as root after its FROM: the last USER of the stages it
 * builds on names root, or none sets one and the base is an official Docker Hub image
 * that does not change its user. Other bases (`nginxinc/nginx-unprivileged`, private
 * images) may run as anyone, so they are not known to run as root.
 */
export function runsAsRootAfterFrom(stage: Stage): boolean {
  for (let base = stage.parent; base; base = base.parent) {
    // An ONBUILD USER runs in the stages built on this one: a user we cannot place.
    if (base.instructions.some((i) => i.keyword === 'USER' && i.onbuild)) return false;
    const users = base.instructions.filter((i) => i.keyword === 'USER' && !i.onbuild);
    const last = users[users.length - 1];
    if (last) return isRootUser(last.arguments.map((a) => a.value).join(' '));
    if (!base.parent) return officialRootImage(base);
  }
  return officialRootImage(stage);
}

function officialRootImage(stage: Stage): boolean {
  const ref = stage.reference;
  if (!ref || !ref.official || ref.problem || !stage.resolvedImage || stage.resolvedImage.includes('$')) return false;
  const tag = ref.tag ?? 'latest';
  return !NON_ROOT_OFFICIAL_IMAGES.some(
    (image) => image.repository === ref.repository && (!image.tagContains || tag.includes(image.tagContains)),
  );
}

/** `root`, `0`, `root:root`, `0:0`: any group, the user is what apk checks. */
function isRootUser(user: string): boolean {
  return /^(?:root|0)(?::\S*)?$/.test(user.trim());
}
