// The keurmerk worker, built from configuration plus injectable dependencies, so `worker.ts` and the
// tests create it the same way (tests pass the test environment's connections and their own SMTP
// transport). Registers the search attributes it needs when the server lacks them.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import nodemailer, { type Transporter } from 'nodemailer';
import { createActivities } from '../activities';
import { openSentLedger, type SentLedger } from '../activities/email/sent-ledger';
import { openPostgresLedger } from '../activities/email/postgres-ledger';
import type { Config } from './config';
import { ensureSearchAttributes } from './search-attributes';
import { connectionOptions } from './connection';
import { dataConverterFor } from '../codec/data-converter';
import { loadSchemeFiles } from './scheme-files';

export interface WorkerDeps {
  /** Worker's connection (default: a new NativeConnection to TEMPORAL_ADDRESS). */
  nativeConnection?: NativeConnection;
  /** Client connection, for activities and the OperatorService (default: new Connection). */
  connection?: Connection;
  client?: Client;
  transport?: Transporter;
  ledger?: SentLedger;
  /** A prebuilt workflow bundle (tests share one per file; bundling takes seconds). */
  workflowBundle?: WorkflowBundle;
  taskQueue?: string;
  /** Test seam for the crash test: runs after an email is recorded in the ledger. */
  afterSent?: (idempotencyKey: string) => void | Promise<void>;
}

export interface KeurmerkWorker {
  worker: Worker;
  client: Client;
  /** Closes what createWorker opened (ledger, connections); call after the worker stopped. */
  close(): Promise<void>;
}

export async function createWorker(config: Config, deps: WorkerDeps = {}): Promise<KeurmerkWorker> {
  // A wrong definition file stops the start before anything connects (problems named by path).
  loadSchemeFiles(config.KEURMERK_SCHEME_FILES);
  const options = connectionOptions(config);
  const opened: Array<() => Promise<void> | void> = [];
  const connection = deps.connection ?? (await Connection.connect(options));
  if (!deps.connection) opened.push(() => connection.close());
  const nativeConnection = deps.nativeConnection ?? (await NativeConnection.connect(options));
  if (!deps.nativeConnection) opened.push(() => nativeConnection.close());
  // Payloads (addresses, names in case state) encrypted when keys are configured (codec/).
  const dataConverter = dataConverterFor(config.KEURMERK_ENCRYPTION_KEYS);
  const client = deps.client ?? new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  // Several workers share one ledger in PostgreSQL; one worker keeps its own file (docs/decisions/email-exactly-once.md).
  const ledger =
    deps.ledger ?? (config.KEURMERK_LEDGER_URL ? await openPostgresLedger(config.KEURMERK_LEDGER_URL) : openSentLedger(config.KEURMERK_DATA_DIR));
  if (!deps.ledger) opened.push(() => ledger.close());
  // Every SMTP wait ends well inside the email activity's start-to-close timeout (30 s): otherwise a
  // slow attempt could still be sending when Temporal starts the retry (nodemailer's defaults are minutes).
  const transport =
    deps.transport ??
    nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 } as any);

  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);

  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: deps.taskQueue ?? config.TEMPORAL_TASK_QUEUE,
    dataConverter,
    // Bounded slots (issue 16): a burst of 500 new cases once made the worker take 40 workflow tasks at
    // once on a busy machine; each then waited over its 10 s timeout, timed out and ran again, and no
    // status query got through. Few slots finish each task in time; emails get slots of their own count.
    maxConcurrentWorkflowTaskExecutions: config.KEURMERK_WORKFLOW_TASK_SLOTS,
    maxConcurrentActivityTaskExecutions: config.KEURMERK_ACTIVITY_SLOTS,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({
      client,
      transport,
      ledger,
      from: config.MAIL_FROM,
      roles: { 'certifying-institution': config.KEURMERK_CI_EMAIL, municipality: config.KEURMERK_MUNICIPALITY_EMAIL },
      afterSent: deps.afterSent,
    }),
  });
  return {
    worker,
    client,
    async close() {
      for (const close of opened.reverse()) await close();
    },
  };
}
