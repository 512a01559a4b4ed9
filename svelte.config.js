import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const LAZY_LESSON_PARTS =
	/src\/lib\/components\/(lesson|language|audio)\/|\/LessonSummary\.svelte$|\/learn\/(SkillBars|GoalProgress)\.svelte$/;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	vitePlugin: {
		// The lesson's player, exercise kinds and end card are loaded after the start card is shown. As
		// separate stylesheets they were ~15 files fetched at once, each restyling the page as it arrived (the
		// lesson's largest blocking task on a slow phone); their styles ride in their JavaScript instead and
		// are added when a component first mounts.
		dynamicCompileOptions({ filename }) {
			if (LAZY_LESSON_PARTS.test(filename)) return { css: 'injected' };
		}
	},
	kit: {
		adapter: adapter(),
		// Every stylesheet a page needs goes into its HTML (the largest, the global one, is ~11 kB): on a
		// slow phone connection each separate file would hold the first paint back by a round trip.
		inlineStyleThreshold: 16_384,
		// In `vite dev`, self.__WB_MANIFEST is not injected: the layout registers the worker in production only.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
