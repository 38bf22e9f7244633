import { fetchSearchAttributesForNamespace } from '@temporalio/ui/services/search-attributes-service';
import { allSearchAttributes } from '@temporalio/ui/stores/search-attributes';
import { showKeurmerkColumns } from '$lib/keurmerk-columns';

export const load = async ({ params, parent }) => {
  await parent();
  const attributes = await fetchSearchAttributesForNamespace(params.namespace);
  allSearchAttributes.set(attributes);
  showKeurmerkColumns(params.namespace, Object.keys(attributes?.customAttributes ?? {}));
};
