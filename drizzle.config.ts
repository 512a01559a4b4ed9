import { defineConfig } from 'drizzle-kit';

// `generate` needs no database; the app applies the migrations itself at start-up.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	verbose: true,
	strict: true
});
