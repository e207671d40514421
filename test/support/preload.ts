// The tests run the TypeScript sources, which `require` cannot load: the
// resolver's lazily loaded modules are put in place before any test.
import { preloadResolverModules } from '../../src/resolver/lazy.js';

await preloadResolverModules();
