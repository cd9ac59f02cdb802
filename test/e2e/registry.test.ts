// The registry tests of test/registry against a real distribution registry: Debian's
// `docker-registry` (scripts/ci/setup-registry.sh installs it) on loopback.
import { analyzeWithRegistryTests } from '../registry/analyze-with-registry';
import { DOCKER_REGISTRY } from '../registry/backends';
import { registryLookups } from '../registry/lookups';

registryLookups(DOCKER_REGISTRY);
analyzeWithRegistryTests(DOCKER_REGISTRY);
