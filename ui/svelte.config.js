// A static build (no server code): the devserver serves ui/build and answers /api/v1 itself.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
    // The devserver answers every unknown path with index.html; nothing is prerendered.
    prerender: { entries: [] },
  },
};
