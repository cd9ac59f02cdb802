// Registry lookups and their wiring into the analyzer, against the in-process fake registry;
// test/e2e/registry.test.ts runs the same tests against Debian's docker-registry.
import { analyzeWithRegistryTests } from './analyze-with-registry';
import { FAKE_REGISTRY } from './backends';
import { registryLookups } from './lookups';

registryLookups(FAKE_REGISTRY);
analyzeWithRegistryTests(FAKE_REGISTRY);
