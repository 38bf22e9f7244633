import { redirect } from '@sveltejs/kit';

export const load = ({ params }) => redirect(302, `/namespaces/${encodeURIComponent(params.namespace)}/workflows`);
