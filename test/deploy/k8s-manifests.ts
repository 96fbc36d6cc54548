import { spawnSync } from 'node:child_process';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/** The objects one overlay renders, by kind, each validated against its Kubernetes schema. */
export interface Manifests {
  deployments: Deployment[];
  jobs: Job[];
  services: Service[];
  serviceAccounts: ServiceAccount[];
  configMaps: ConfigMap[];
  secrets: Secret[];
  networkPolicies: NetworkPolicy[];
  autoscalers: HorizontalPodAutoscaler[];
  disruptionBudgets: PodDisruptionBudget[];
  /** Objects that failed their schema or whose apiVersion/kind is not one Agora uses: `Kind/name: reason`. */
  invalid: string[];
}

/** Whether `kubectl` runs here; `kubectl kustomize` needs no cluster. */
export function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
}

/**
 * `kubectl kustomize <folder>`: the YAML an overlay renders.
 * @throws Error with kubectl's message when kustomize refuses the folder.
 */
export function render(folder: string): string {
  const result = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`kubectl kustomize ${folder} failed:\n${result.stderr}`);
  return result.stdout;
}

interface TypeMeta {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

/** Parses rendered YAML, validates each object with the kubernetes-models class of its apiVersion and kind. */
export function parseManifests(text: string): Manifests {
  const found: Manifests = {
    deployments: [],
    jobs: [],
    services: [],
    serviceAccounts: [],
    configMaps: [],
    secrets: [],
    networkPolicies: [],
    autoscalers: [],
    disruptionBudgets: [],
    invalid: [],
  };
  const models = {
    'apps/v1/Deployment': (data: object) => found.deployments.push(validated(new Deployment(data))),
    'batch/v1/Job': (data: object) => found.jobs.push(validated(new Job(data))),
    'v1/Service': (data: object) => found.services.push(validated(new Service(data))),
    'v1/ServiceAccount': (data: object) => found.serviceAccounts.push(validated(new ServiceAccount(data))),
    'v1/ConfigMap': (data: object) => found.configMaps.push(validated(new ConfigMap(data))),
    'v1/Secret': (data: object) => found.secrets.push(validated(new Secret(data))),
    'networking.k8s.io/v1/NetworkPolicy': (data: object) =>
      found.networkPolicies.push(validated(new NetworkPolicy(data))),
    'autoscaling/v2/HorizontalPodAutoscaler': (data: object) =>
      found.autoscalers.push(validated(new HorizontalPodAutoscaler(data))),
    'policy/v1/PodDisruptionBudget': (data: object) =>
      found.disruptionBudgets.push(validated(new PodDisruptionBudget(data))),
  } as const satisfies Record<string, (data: object) => number>;

  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) throw new Error(`rendered YAML does not parse: ${document.errors[0]?.message}`);
    const data = document.toJS() as TypeMeta | null;
    if (data === null) continue;
    const id = `${String(data.kind)}/${String(data.metadata?.name)}`;
    const model = `${String(data.apiVersion)}/${String(data.kind)}`;
    if (!(model in models)) {
      found.invalid.push(`${id}: no schema for ${model}`);
      continue;
    }
    try {
      models[model as keyof typeof models](data);
    } catch (error) {
      found.invalid.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return found;
}

function validated<T extends { validate(): void }>(model: T): T {
  model.validate();
  return model;
}
