// The activities as workflow code sees them: types only (the implementations live in activities/).
import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { KeurmerkActivities } from '../activities';

const retry: RetryPolicy = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };

/**
 * One email or one signal: retried until it succeeds; the sent-ledger keeps a retry from sending twice.
 * 30 s is ample for one SMTP submission and bounds how long a crashed worker's attempt blocks the case.
 */
const single = proxyActivities<Pick<KeurmerkActivities, 'sendEmail' | 'registerForMeeting' | 'leaveMeeting' | 'signalDigest' | 'sendDigest'>>({
  startToCloseTimeout: '30 seconds',
  retry,
});

/** One email per holder: long, so it heartbeats (a lost worker is noticed within the heartbeat timeout). */
const broadcast = proxyActivities<Pick<KeurmerkActivities, 'mailHolders' | 'announceCriteria'>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry,
});

// Proxies have no own keys to spread: name each activity.
export const acts = {
  sendEmail: single.sendEmail,
  registerForMeeting: single.registerForMeeting,
  leaveMeeting: single.leaveMeeting,
  signalDigest: single.signalDigest,
  sendDigest: single.sendDigest,
  mailHolders: broadcast.mailHolders,
  announceCriteria: broadcast.announceCriteria,
};
