// What every page of the Temporal UI reads from page data: settings first (auth, codec, version),
// then cluster and system info; the namespace list fills the namespaces store.
import { fetchCluster, fetchSystemInfo } from '@temporalio/ui/services/cluster-service';
import { fetchNamespaces } from '@temporalio/ui/services/namespaces-service';
import { fetchSettings } from '@temporalio/ui/services/settings-service';

export const load = async ({ fetch }) => {
  const settings = await fetchSettings(fetch);
  const [cluster, systemInfo] = await Promise.all([
    fetchCluster(settings, fetch),
    fetchSystemInfo(settings, fetch),
    fetchNamespaces(settings, fetch),
  ]);
  return { settings, cluster, systemInfo, uiVersionInfo: { current: settings.version } };
};
