import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import type { Manifests } from './k8s-manifests';

/** What an overlay promises beyond the rules every overlay keeps. */
export interface OverlayPromises {
  /** Production: every service autoscaled from 2 replicas and kept up by a PodDisruptionBudget. */
  highlyAvailable: boolean;
  /** Development: the demo-data seed Jobs may run. */
  demoData: boolean;
}

/** The longest request a service may still be finishing after its grace period (orders' PAYMENTS_TIMEOUT_MS), plus closing its store. */
const LONGEST_DRAIN_MS = 15_000 + 5_000;

const MIGRATE = ['node', 'dist/migrate.js'];
const SEED = ['node', 'dist/seed.js'];

function nameOf(object: { metadata?: { name?: string } }): string {
  return object.metadata?.name ?? '(unnamed)';
}

/** Why a pod spec is not hardened, or not bounded, as every Agora pod must be. */
function podProblems(owner: string, pod: IPodSpec | undefined): string[] {
  if (!pod) return [`${owner}: no pod spec`];
  const problems: string[] = [];
  const podSecurity = pod.securityContext;
  if (podSecurity?.runAsNonRoot !== true || podSecurity.runAsUser !== 1000)
    problems.push(`${owner}: pod not non-root 1000`);
  if (podSecurity?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${owner}: seccomp not RuntimeDefault`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${owner}: mounts a service account token`);
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    const where = `${owner}/${container.name}`;
    const security = container.securityContext;
    if (security?.runAsNonRoot !== true || security.runAsUser !== 1000) problems.push(`${where}: not non-root 1000`);
    if (security?.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem writable`);
    if (security?.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation allowed`);
    if (!security?.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities not all dropped`);
    const { requests, limits } = container.resources ?? {};
    if (!requests?.cpu || !requests.memory || !limits?.cpu || !limits.memory) {
      problems.push(`${where}: requests and limits of cpu and memory not all set`);
    }
  }
  return problems;
}

function commandOf(container: IContainer): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

/** Every Deployment: probes on /live and /ready, hardened, bounded, stopped after its drain, serving only. */
export function deploymentProblems(manifests: Manifests): string[] {
  const config = manifests.configMaps.find((map) => nameOf(map).startsWith('agora-config'));
  const graceMs = Number(config?.data?.SHUTDOWN_GRACE_MS ?? 5_000);
  const problems: string[] = [];
  for (const deployment of manifests.deployments) {
    const name = nameOf(deployment);
    const pod = deployment.spec?.template.spec;
    problems.push(...podProblems(name, pod));
    const stopSeconds = pod?.terminationGracePeriodSeconds ?? 30;
    if (stopSeconds * 1000 <= graceMs + LONGEST_DRAIN_MS) {
      problems.push(`${name}: terminationGracePeriodSeconds ${stopSeconds} s is not above the drain`);
    }
    for (const container of pod?.containers ?? []) {
      if (container.livenessProbe?.httpGet?.path !== '/live') problems.push(`${name}: no liveness probe on /live`);
      if (container.readinessProbe?.httpGet?.path !== '/ready') problems.push(`${name}: no readiness probe on /ready`);
      if (/seed|migrate/.test(commandOf(container).join(' ')))
        problems.push(`${name}: a serving container seeds or migrates`);
      if (container.env?.some((env) => env.name === 'SEED_DEMO_DATA')) problems.push(`${name}: sets SEED_DEMO_DATA`);
    }
  }
  return problems;
}

/** Every Job: hardened and bounded; a migration runs only `node dist/migrate.js`; seeds only where demo data is promised. */
export function jobProblems(manifests: Manifests, promises: OverlayPromises): string[] {
  const problems: string[] = [];
  const migrated = new Set<string>();
  for (const job of manifests.jobs) {
    const name = nameOf(job);
    const pod = job.spec?.template.spec;
    problems.push(...podProblems(name, pod));
    const commands = (pod?.containers ?? []).map((container) => commandOf(container).join(' '));
    const component = job.metadata?.labels?.['app.kubernetes.io/component'];
    if (component === 'migration' && commands.every((command) => command === MIGRATE.join(' '))) {
      migrated.add(job.metadata?.labels?.['app.kubernetes.io/name'] ?? '');
    } else if (component === 'demo-data' && commands.every((command) => command === SEED.join(' '))) {
      if (!promises.demoData) problems.push(`${name}: adds demo data where none may be`);
    } else {
      problems.push(
        `${name}: a Job that is neither a migration nor a seed, or runs something else (${commands.join('; ')})`,
      );
    }
  }
  for (const deployment of manifests.deployments) {
    const usesPostgres = deployment.spec?.template.spec?.containers.some((c) =>
      c.env?.some((env) => env.name === 'DATABASE_URL'),
    );
    if (usesPostgres && !migrated.has(nameOf(deployment))) problems.push(`${nameOf(deployment)}: no migration Job`);
  }
  return problems;
}

/**
 * The services a container reaches: the host of each URL setting (`http://catalog:4002/graphql`
 * → `catalog`), and of each JWKS URL in TRUSTED_SIGNERS (`orders=http://orders:4006/…` →
 * `orders`: a callee fetches its callers' public keys).
 */
function calleesOf(container: IContainer): string[] {
  const urls = (container.env ?? []).flatMap((env) =>
    env.name === 'TRUSTED_SIGNERS'
      ? (env.value ?? '').split(',').map((entry) => entry.split('=')[1] ?? '')
      : [env.value ?? ''],
  );
  return urls.flatMap((url) => /^http:\/\/([a-z-]+):\d+\//.exec(url)?.[1] ?? []);
}

/** Ingress denied by default; each service reachable from exactly the services whose config calls it. */
export function networkProblems(manifests: Manifests): string[] {
  const problems: string[] = [];
  const denyAll = manifests.networkPolicies.find(
    (policy) => Object.keys(policy.spec?.podSelector.matchLabels ?? {}).length === 0 && !policy.spec?.ingress,
  );
  if (!denyAll) problems.push('no default-deny ingress NetworkPolicy');
  const policyOf = (service: string) =>
    manifests.networkPolicies.find(
      (policy) => policy.spec?.podSelector.matchLabels?.['app.kubernetes.io/name'] === service,
    );
  const callers = new Map<string, Set<string>>();
  for (const deployment of manifests.deployments) {
    const caller = nameOf(deployment);
    if (!policyOf(caller)) problems.push(`${caller}: no NetworkPolicy`);
    for (const callee of (deployment.spec?.template.spec?.containers ?? []).flatMap(calleesOf)) {
      callers.set(callee, (callers.get(callee) ?? new Set()).add(caller));
    }
  }
  for (const [callee, from] of callers) {
    const rules = policyOf(callee)?.spec?.ingress ?? [];
    // A rule without `from` admits every pod (the router, the public entry).
    const open = rules.some((rule) => rule.from === undefined);
    const allowed = rules.flatMap((rule) =>
      (rule.from ?? []).map((peer) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name']),
    );
    const missing = open ? [] : [...from].filter((caller) => !allowed.includes(caller));
    if (missing.length > 0) problems.push(`${callee}: its NetworkPolicy does not admit ${missing.join(', ')}`);
  }
  return problems;
}

/** Production: each Deployment has an HPA from 2 replicas (or says why not) and a PDB with minAvailable 1; images pinned. */
export function availabilityProblems(manifests: Manifests, promises: OverlayPromises): string[] {
  if (!promises.highlyAvailable) return [];
  const problems: string[] = [];
  for (const deployment of manifests.deployments) {
    const name = nameOf(deployment);
    const autoscaler = manifests.autoscalers.find((hpa) => hpa.spec?.scaleTargetRef.name === name);
    const reason = deployment.metadata?.annotations?.['agora.dev/not-autoscaled'];
    if (!reason && (autoscaler?.spec?.minReplicas ?? 0) < 2) problems.push(`${name}: no autoscaler from 2 replicas`);
    const budget = manifests.disruptionBudgets.find(
      (pdb) => pdb.spec?.selector?.matchLabels?.['app.kubernetes.io/name'] === name,
    );
    if (budget?.spec?.minAvailable !== 1) problems.push(`${name}: no PodDisruptionBudget with minAvailable 1`);
  }
  const pods = [...manifests.deployments, ...manifests.jobs].map((owner) => owner.spec?.template.spec);
  for (const container of pods.flatMap((pod) => pod?.containers ?? [])) {
    const tag = /:([^/:]+)$/.exec(container.image ?? '')?.[1];
    if (!tag || tag === 'latest') problems.push(`${container.image}: image tag not pinned`);
  }
  return problems;
}

/** No Secret carries values, every ServiceAccount keeps its token, the router reads the supergraph ConfigMap it mounts. */
export function secretAndConfigProblems(manifests: Manifests, supergraph: string): string[] {
  const problems: string[] = [];
  for (const secret of manifests.secrets) {
    if (secret.data || secret.stringData) problems.push(`Secret ${nameOf(secret)} carries values`);
  }
  for (const account of manifests.serviceAccounts) {
    if (account.automountServiceAccountToken !== false)
      problems.push(`ServiceAccount ${nameOf(account)} mounts its token`);
  }
  const map = manifests.configMaps.find((configMap) => nameOf(configMap) === 'supergraph');
  if (map?.data?.['supergraph.graphql'] !== supergraph) {
    problems.push('ConfigMap supergraph differs from supergraph.graphql (run npm run compose)');
  }
  const router = manifests.deployments.find((deployment) => nameOf(deployment) === 'router')?.spec?.template.spec;
  const volume = router?.volumes?.find((candidate) => candidate.configMap?.name === 'supergraph');
  const mount = router?.containers[0]?.volumeMounts?.find((candidate) => candidate.name === volume?.name);
  const path = router?.containers[0]?.env?.find((env) => env.name === 'SUPERGRAPH_PATH')?.value;
  if (!mount || mount.subPath || path !== `${mount.mountPath}/supergraph.graphql`) {
    problems.push('the router does not read SUPERGRAPH_PATH from the supergraph ConfigMap mounted as a folder');
  }
  return problems;
}
