import { resolve } from 'node:path';

/** SvelteKit's import aliases (kit.alias adds none), for tools that resolve imports webpack's way. */
export default { resolve: { alias: { $lib: resolve(import.meta.dirname, 'src/lib') } } };
