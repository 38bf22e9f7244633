import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // Same origin: the UI calls /api/v1/... on the port it was loaded from.
  define: { 'import.meta.env.VITE_API': JSON.stringify(process.env.VITE_API ?? '') },
  build: { chunkSizeWarningLimit: 5000, reportCompressedSize: false },
  logLevel: process.env.UI_BUILD_QUIET ? 'warn' : 'info',
});
