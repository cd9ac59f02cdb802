// Which `COPY --from` instructions bring glibc-linked programs into a stage: the source is
// glibc, the paths are not only data, and the builder shows no static or musl build.
import { isDataPath } from '../knowledge/data-files';
import { staticBuildEvidence } from './build-evidence';
import type { StageCopy } from './types';
import type { DockerfileModel, Stage } from './model';

/** True when the copy may carry glibc-linked native code. */
function copiesGlibcCode(model: DockerfileModel, copy: StageCopy): boolean {
  if (copy.libc !== 'glibc') return false;
  if (copy.sources.length > 0 && copy.sources.every((s) => isDataPath(s.path))) return false;
  return !(copy.fromStage && staticBuildEvidence(model, copy.fromStage));
}

/** The copies into `stage` that may carry glibc-linked native code. */
export function glibcCodeCopiesInto(model: DockerfileModel, stage: Stage): StageCopy[] {
  return stage.copies.filter((copy) => copiesGlibcCode(model, copy));
}
