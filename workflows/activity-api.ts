// The activities as workflow code sees them: types only (the implementations live in activities/).
import { proxyActivities } from '@temporalio/workflow';
import type { KeurmerkActivities } from '../activities';

/** Emails and notifications: retried until they succeed; the sent-ledger keeps a retry from sending twice. */
export const acts = proxyActivities<KeurmerkActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
