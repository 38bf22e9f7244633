import { redirect } from '@sveltejs/kit';
import { fetchSettings } from '@temporalio/ui/services/settings-service';

export const load = async ({ fetch }) => {
  const settings = await fetchSettings(fetch);
  redirect(302, `/namespaces/${encodeURIComponent(settings.defaultNamespace)}/workflows`);
};
