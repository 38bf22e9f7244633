// The three workloads of the devserver benchmark: as little workflow code as possible, so that what is
// measured is the server's share of the round trips.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type * as activities from './devserver-activities';

const { touch } = proxyActivities<typeof activities>({ startToCloseTimeout: '10s' });

export async function startComplete(): Promise<void> {}

export async function oneActivity(): Promise<void> {
  await touch();
}

export async function oneTimer(): Promise<void> {
  await sleep('1 day');
}
