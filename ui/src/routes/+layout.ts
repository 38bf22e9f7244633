// A single-page app: everything renders in the browser against /api/v1 on the same origin.
import i18next from 'i18next';
import { i18nNamespaces } from '@temporalio/ui/i18n/index';
import resources from '@temporalio/ui/i18n/locales/index';
import { openInKeurmerkTimeZone } from '$lib/keurmerk-time-zone';

export const ssr = false;
export const prerender = false;

export const load = async () => {
  openInKeurmerkTimeZone();
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: 'en',
      fallbackLng: 'en',
      ns: i18nNamespaces,
      defaultNS: 'common',
      resources,
    });
  }
};
