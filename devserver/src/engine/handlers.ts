// Every RPC the server answers, by fully qualified method name. The gRPC server and the HTTP API
// share this one object. Each handler commits what it changed before its answer goes out.
import { status } from '@grpc/grpc-js';
import type { Handler, Handlers } from '../errors';
import { invalidArgument, notFound, RpcError } from '../errors';
import { SERVICES } from '../proto';
import { cancelActivity, completeActivity, failActivity, heartbeatActivity } from './activities';
import { terminateWorkflow } from './close';
import { describeWorkflowExecution } from './describe';
import type { Engine, NamespaceRecord } from './engine';
import { isOpen, NamespaceState, ts } from './enums';
import { getWorkflowExecutionHistory, getWorkflowExecutionHistoryReverse } from './history';
import { queryWorkflow, respondQueryTaskCompleted } from './queries';
import { recordCancelRequest, recordSignal } from './signals';
import { signalWithStart, startWorkflowExecution } from './start';
import { pollWorkflowExecutionUpdate, updateWorkflowExecution } from './updates';
import { completeWorkflowTask, respondWorkflowTaskFailed } from './workflow-tasks';
import { timeSkippingHandlers } from './time-skipping';
import { executeMultiOperation } from './multi-operation';
import { StandaloneActivities } from './standalone-activities';
import { checkBlobSize, checkIdLength } from './limits';
import { respondNexusTaskCompleted, respondNexusTaskFailed } from './nexus';

export const SERVER_VERSION = '1.27.2';

function namespaceDescription(ns: NamespaceRecord): any {
  return {
    namespaceInfo: {
      name: ns.name,
      state: NamespaceState.NAMESPACE_STATE_REGISTERED,
      description: ns.description ?? '',
      id: ns.id,
      capabilities: { eagerWorkflowStart: true, syncUpdate: true, asyncUpdate: true },
      supportsSchedules: false,
    },
    config: {
      workflowExecutionRetentionTtl: ts(ns.retentionDays * 86_400_000),
      historyArchivalState: 2,
      visibilityArchivalState: 2,
    },
    isGlobalNamespace: false,
    failoverVersion: 0,
  };
}

/** The standalone activity calls; absent (UNIMPLEMENTED) in time-skipping mode, like the official test server. */
function standaloneActivityHandlers(sa: StandaloneActivities | undefined, ns: (req: any) => string): Record<string, Handler> {
  if (!sa) return {};
  return {
    StartActivityExecution: async (req) => sa.start(ns(req), req),
    DescribeActivityExecution: async (req) => sa.describe(ns(req), req),
    PollActivityExecution: async (req, call) => sa.poll(ns(req), req, call),
    ListActivityExecutions: async (req) => sa.list(ns(req), req),
    CountActivityExecutions: async (req) => sa.count(ns(req), req),
    RequestCancelActivityExecution: async (req) => sa.requestCancel(ns(req), req),
    TerminateActivityExecution: async (req) => sa.terminate(ns(req), req),
    DeleteActivityExecution: async (req) => sa.delete(ns(req), req),
  };
}

export function buildHandlers(engine: Engine): Handlers {
  const ns = (req: any) => engine.requireNamespace(req.namespace);
  const sa = engine.clock.timeSkipping ? undefined : new StandaloneActivities(engine);
  const wf: Record<string, Handler> = {
    GetSystemInfo: async () => ({
      serverVersion: SERVER_VERSION,
      capabilities: {
        signalAndQueryHeader: true,
        internalErrorDifferentiation: true,
        activityFailureIncludeHeartbeat: true,
        encodedFailureAttributes: true,
        sdkMetadata: true,
        upsertMemo: true,
        countGroupByExecutionStatus: true,
        eagerWorkflowStart: true,
        supportsSchedules: false,
      },
    }),
    GetClusterInfo: async () => ({
      supportedClients: {},
      serverVersion: SERVER_VERSION,
      clusterId: 'keurmerk-devserver',
      clusterName: 'active',
      historyShardCount: 1,
      persistenceStore: engine.store ? 'sqlite' : 'memory',
      visibilityStore: engine.store ? 'sqlite' : 'memory',
    }),
    DescribeNamespace: async (req) => {
      const record = req.id
        ? [...engine.namespaces.values()].find((n) => n.id === req.id)
        : engine.namespaces.get(req.namespace ?? '');
      if (!record) throw notFound(`Namespace ${req.namespace || req.id} is not found.`);
      return namespaceDescription(record);
    },
    ListNamespaces: async () => ({ namespaces: [...engine.namespaces.values()].map(namespaceDescription) }),
    RegisterNamespace: async (req) => {
      if (!req.namespace) throw invalidArgument('Namespace is not set on request.');
      if (engine.namespaces.has(req.namespace)) {
        throw new RpcError(status.ALREADY_EXISTS, `Namespace ${req.namespace} already exists.`);
      }
      engine.addNamespace(req.namespace, req.description, Math.max(1, Math.round((req.workflowExecutionRetentionPeriod?.seconds ?? 86400) / 86400)));
      engine.store?.saveNamespaces?.([...engine.namespaces.values()]);
      return {};
    },
    StartWorkflowExecution: async (req) => startWorkflowExecution(engine, ns(req), req),
    SignalWithStartWorkflowExecution: async (req) => signalWithStart(engine, ns(req), req),
    ExecuteMultiOperation: async (req, call) => executeMultiOperation(engine, ns(req), req, call),
    SignalWorkflowExecution: async (req) => {
      if (!req.signalName) throw invalidArgument('SignalName is not set on request.');
      checkIdLength(req.signalName, 'SignalName');
      checkIdLength(req.identity, 'Identity');
      checkIdLength(req.requestId, 'RequestId');
      checkBlobSize(req.input);
      const exec = engine.getOpen(ns(req), req.workflowExecution);
      recordSignal(engine, exec, {
        requestId: req.requestId,
        signalName: req.signalName,
        input: req.input,
        identity: req.identity,
        header: req.header,
      });
      return {};
    },
    RequestCancelWorkflowExecution: async (req) => {
      checkIdLength(req.identity, 'Identity');
      checkIdLength(req.requestId, 'RequestId');
      const exec = engine.getOpen(ns(req), req.workflowExecution);
      if (req.firstExecutionRunId && req.firstExecutionRunId !== exec.s.firstRunId) throw notFound('workflow execution not found for the given first run id');
      recordCancelRequest(engine, exec, { reason: req.reason, identity: req.identity });
      return {};
    },
    TerminateWorkflowExecution: async (req) => {
      checkIdLength(req.identity, 'Identity');
      checkBlobSize(req.details);
      const exec = engine.getOpen(ns(req), req.workflowExecution);
      if (req.firstExecutionRunId && req.firstExecutionRunId !== exec.s.firstRunId) throw notFound('workflow execution not found for the given first run id');
      terminateWorkflow(engine, exec, req.reason, req.details, req.identity);
      return {};
    },
    // Like the real server: a running workflow is terminated first, then the run and its history go.
    DeleteWorkflowExecution: async (req) => {
      const exec = engine.get(ns(req), req.workflowExecution);
      if (isOpen(exec.s.status)) terminateWorkflow(engine, exec, 'Delete workflow execution', undefined, 'history-service');
      engine.remove(exec);
      return {};
    },
    QueryWorkflow: async (req, call) => queryWorkflow(engine, ns(req), req, call),
    UpdateWorkflowExecution: async (req, call) => updateWorkflowExecution(engine, ns(req), req, call),
    PollWorkflowExecutionUpdate: async (req, call) => pollWorkflowExecutionUpdate(engine, ns(req), req, call),
    GetWorkflowExecutionHistory: async (req, call) => getWorkflowExecutionHistory(engine, ns(req), req, call),
    GetWorkflowExecutionHistoryReverse: async (req) => getWorkflowExecutionHistoryReverse(engine, ns(req), req),
    DescribeWorkflowExecution: async (req) => describeWorkflowExecution(engine, ns(req), req),
    ListWorkflowExecutions: async (req) => engine.visibility.list(engine, ns(req), req),
    ScanWorkflowExecutions: async (req) => engine.visibility.list(engine, ns(req), req),
    CountWorkflowExecutions: async (req) => engine.visibility.count(engine, ns(req), req),
    GetSearchAttributes: async () => ({ keys: engine.visibility.registry.keys() }),
    PollWorkflowTaskQueue: async (req, call) => {
      const task = await engine.matching.poll(ns(req), 'workflow', req.taskQueue?.name ?? '', req, call, engine.now());
      return task ?? {};
    },
    PollNexusTaskQueue: async (req, call) => {
      const task = await engine.matching.poll(ns(req), 'nexus', req.taskQueue?.name ?? '', req, call, engine.now());
      return task ?? {};
    },
    RespondNexusTaskCompleted: async (req) => respondNexusTaskCompleted(engine, req),
    RespondNexusTaskFailed: async (req) => respondNexusTaskFailed(engine, req),
    RespondWorkflowTaskCompleted: async (req) => completeWorkflowTask(engine, req),
    RespondWorkflowTaskFailed: async (req) => respondWorkflowTaskFailed(engine, req),
    RespondQueryTaskCompleted: async (req) => respondQueryTaskCompleted(engine, req),
    PollActivityTaskQueue: async (req, call) => {
      const task = await engine.matching.poll(ns(req), 'activity', req.taskQueue?.name ?? '', req, call, engine.now());
      return task ?? {};
    },
    // Tasks of standalone activities (standalone-activities.ts) are answered through the same calls.
    RespondActivityTaskCompleted: async (req) => (sa?.owns(req, false) ? sa.complete(req, false) : completeActivity(engine, req, false)),
    RespondActivityTaskCompletedById: async (req) =>
      sa?.owns(req, true) ? sa.complete({ ...req, namespace: ns(req) }, true) : completeActivity(engine, { ...req, namespace: ns(req) }, true),
    RespondActivityTaskFailed: async (req) => (sa?.owns(req, false) ? sa.fail(req, false) : failActivity(engine, req, false)),
    RespondActivityTaskFailedById: async (req) =>
      sa?.owns(req, true) ? sa.fail({ ...req, namespace: ns(req) }, true) : failActivity(engine, { ...req, namespace: ns(req) }, true),
    RespondActivityTaskCanceled: async (req) => (sa?.owns(req, false) ? sa.canceled(req, false) : cancelActivity(engine, req, false)),
    RespondActivityTaskCanceledById: async (req) =>
      sa?.owns(req, true) ? sa.canceled({ ...req, namespace: ns(req) }, true) : cancelActivity(engine, { ...req, namespace: ns(req) }, true),
    RecordActivityTaskHeartbeat: async (req) => (sa?.owns(req, false) ? sa.heartbeat(req, false) : heartbeatActivity(engine, req, false)),
    RecordActivityTaskHeartbeatById: async (req) =>
      sa?.owns(req, true) ? sa.heartbeat({ ...req, namespace: ns(req) }, true) : heartbeatActivity(engine, { ...req, namespace: ns(req) }, true),
    ...standaloneActivityHandlers(sa, ns),
    // Sticky queues are not used (tasks always carry full history), so there is nothing to reset.
    ResetStickyTaskQueue: async (req) => {
      ns(req);
      return {};
    },
    ShutdownWorker: async (req) => {
      engine.matching.releasePollers(ns(req), req.identity ?? '');
      return {};
    },
    DescribeTaskQueue: async (req) => {
      const kind = req.taskQueueType === 2 ? 'activity' : 'workflow';
      const d = engine.matching.describe(ns(req), kind, req.taskQueue?.name ?? '');
      return {
        pollers: d.pollers.map((p) => ({ identity: p.identity, lastAccessTime: ts(p.lastAccessTime), ratePerSecond: 100000 })),
        taskQueueStatus: { backlogCountHint: d.backlog, ratePerSecond: 100000 },
      };
    },
  };
  const op: Record<string, Handler> = {
    AddSearchAttributes: async (req) => {
      engine.visibility.registry.addAll(req.searchAttributes ?? {});
      engine.store?.saveSearchAttributes?.(engine.visibility.registry.custom());
      return {};
    },
    RemoveSearchAttributes: async (req) => {
      engine.visibility.registry.removeAll(req.searchAttributes ?? []);
      engine.store?.saveSearchAttributes?.(engine.visibility.registry.custom());
      return {};
    },
    ListSearchAttributes: async () => engine.visibility.registry.list(),
    CreateNexusEndpoint: async (req) => engine.nexus.create(req),
    GetNexusEndpoint: async (req) => engine.nexus.getOne(req),
    ListNexusEndpoints: async (req) => engine.nexus.list(req),
    UpdateNexusEndpoint: async (req) => engine.nexus.update(req),
    DeleteNexusEndpoint: async (req) => engine.nexus.delete(req),
  };
  const handlers: Handlers = {};
  const committing = (fn: Handler): Handler => async (req, call) => {
    try {
      return await fn(req, call);
    } finally {
      engine.commit();
    }
  };
  for (const [name, fn] of Object.entries(wf)) handlers[`${SERVICES.workflow}.${name}`] = committing(fn);
  for (const [name, fn] of Object.entries(op)) handlers[`${SERVICES.operator}.${name}`] = committing(fn);
  if (engine.clock.timeSkipping) {
    for (const [name, fn] of Object.entries(timeSkippingHandlers(engine))) handlers[`${SERVICES.test}.${name}`] = fn;
  }
  return handlers;
}
