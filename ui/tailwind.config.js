// The Temporal UI's own theme. Its plugin has no `require` export condition, so it is imported by
// file path, and the library's compiled components are scanned for the classes they use.
import temporal, { textStyles } from './node_modules/@temporalio/ui/dist/theme/plugin.js';

export default {
  content: ['./src/**/*.{html,js,svelte,ts}', './node_modules/@temporalio/ui/dist/**/*.{html,js,svelte,ts}'],
  darkMode: ['selector', '[data-theme="dark"]'],
  theme: {
    fontFamily: {
      sans: ['Inter Variable', 'ui-sans-serif', 'system-ui', 'sans-serif'],
      mono: ['Noto Sans Mono', 'ui-monospace', 'monospace'],
    },
  },
  plugins: [temporal, textStyles],
};
