// The registries the registry tests run against: the in-process fake (npm test) and
// Debian's real distribution registry (npm run test:e2e, installed by scripts/ci/setup-registry.sh).
import { requireProgram } from '../support/programs';
import { startFakeRegistry } from './fake-registry';
import { startDockerRegistry, type Registry } from './fixtures';

/** A registry the tests can start for one suite. */
export interface RegistryBackend {
  name: string;
  /** Starts it, keeping its files under `tmp`; skips the suite (through `ctx`) when its program is missing. */
  start(ctx: Mocha.Context, tmp: string): Promise<Registry>;
}

export const FAKE_REGISTRY: RegistryBackend = {
  name: 'an in-process fake registry',
  start: () => startFakeRegistry(),
};

export const DOCKER_REGISTRY: RegistryBackend = {
  name: 'a loopback docker-registry',
  start: (ctx, tmp) =>
    startDockerRegistry(requireProgram(ctx, 'docker-registry', 'apt-get install docker-registry (scripts/ci/setup-registry.sh)'), tmp),
};
