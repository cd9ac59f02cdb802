// Whether a stage installs Alpine's glibc compatibility layer, which makes running glibc
// binaries on musl the supported, intended setup.
import { readApk } from './apk';
import type { Stage } from './model';

/** True when the stage or a stage it builds on runs `apk add gcompat`. */
export function installsGcompat(stage: Stage): boolean {
  for (let current: Stage | null = stage; current; current = current.parent) {
    for (const run of current.runs) {
      for (const command of run.commands) {
        const call = readApk(command);
        if (call?.applet?.value === 'add' && call.targets.some((t) => t.kind === 'package' && t.name === 'gcompat')) return true;
      }
    }
  }
  return false;
}
