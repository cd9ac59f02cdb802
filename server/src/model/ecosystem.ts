// Which language ecosystem a build stage belongs to: from its image (golang, rust, node, ...)
// or, for a plain distribution image, from the build commands it runs (`go build`, `cargo`).
import { imageEcosystem } from '../knowledge/ecosystems';
import type { Ecosystem } from '../knowledge/glibc-downloads';
import { rootStage, type Stage } from './model';

type Language = Exclude<Ecosystem, 'other'>;

/**
 * Compilers whose output is what a stage copies on: a plain distribution image that runs one
 * builds for that ecosystem. Package installers (npm, pip) are left out: a stage that runs
 * them next to apt-get may be copying anything.
 */
const BUILD_COMMANDS: readonly { tool: string; verbs?: readonly string[]; ecosystem: Language }[] = [
  { tool: 'go', verbs: ['build', 'install'], ecosystem: 'go' },
  { tool: 'cargo', verbs: ['build', 'install'], ecosystem: 'rust' },
  { tool: 'dotnet', verbs: ['publish', 'build'], ecosystem: 'dotnet' },
  { tool: 'jlink', ecosystem: 'java' },
];

/** The ecosystem of a stage (or the stage it builds on), or null when nothing tells. */
export function stageEcosystem(stage: Stage): Language | null {
  const root = rootStage(stage);
  const byImage = root.reference ? imageEcosystem(root.reference.name) : null;
  if (byImage) return byImage;
  for (let current: Stage | null = stage; current; current = current.parent) {
    for (const run of current.runs) {
      for (const command of run.commands) {
        const tool = command.name?.value.split('/').pop();
        const verb = command.args.find((a) => !a.value.startsWith('-'))?.value;
        const known = BUILD_COMMANDS.find((b) => b.tool === tool && (!b.verbs || (verb !== undefined && b.verbs.includes(verb))));
        if (known) return known.ecosystem;
      }
    }
  }
  return null;
}
