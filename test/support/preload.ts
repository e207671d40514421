// The tests run the TypeScript sources, which `require` cannot load: the
// resolver's lazily loaded modules are put in place before any test.
import { preloadLazyModules } from '../../src/core/lazy.js';

await preloadLazyModules();
