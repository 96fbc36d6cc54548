import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kubectlAvailable, parseManifests, render, type Manifests } from './k8s-manifests';
import {
  availabilityProblems,
  deploymentProblems,
  jobProblems,
  networkProblems,
  secretAndConfigProblems,
  type OverlayPromises,
} from './k8s-rules';

const ROOT = path.resolve(__dirname, '..', '..');
const K8S = path.join(ROOT, 'deploy', 'k8s');
const SUPERGRAPH = readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8');

const OVERLAYS: Record<string, OverlayPromises> = {
  dev: { highlyAvailable: false, demoData: true },
  prod: { highlyAvailable: true, demoData: false },
};

const hasKubectl = kubectlAvailable();
if (!hasKubectl) {
  if (process.env.CI === 'true') {
    throw new Error('kubectl is missing: CI renders the Kubernetes overlays with it (apt-get install kubectl)');
  }
  console.warn('kubectl is missing: skipping the Kubernetes manifest checks (CI runs them).');
}
const describeWithKubectl = hasKubectl ? describe : describe.skip;

/** Every rule an overlay's rendered objects break, schema failures first. */
function problemsOf(manifests: Manifests, promises: OverlayPromises): string[] {
  return [
    ...manifests.invalid,
    ...deploymentProblems(manifests),
    ...jobProblems(manifests, promises),
    ...networkProblems(manifests),
    ...availabilityProblems(manifests, promises),
    ...secretAndConfigProblems(manifests, SUPERGRAPH),
  ];
}

function renderOverlay(k8sFolder: string, overlay: string): Manifests {
  return parseManifests(render(path.join(k8sFolder, 'overlays', overlay)));
}

describeWithKubectl('the Kubernetes overlays (deploy/k8s)', () => {
  describe.each(Object.keys(OVERLAYS))('%s', (overlay) => {
    const promises = OVERLAYS[overlay] as OverlayPromises;
    // Rendered in beforeAll, not here: a skipped describe still runs its body.
    let manifests: Manifests;
    beforeAll(() => {
      manifests = renderOverlay(K8S, overlay);
    });

    it('renders the router, ten subgraphs and nine migrations, each object valid against its schema', () => {
      expect(manifests.invalid).toEqual([]);
      expect(manifests.deployments).toHaveLength(11);
      expect(manifests.services).toHaveLength(11);
      expect(manifests.serviceAccounts).toHaveLength(11);
      expect(manifests.jobs.filter((job) => job.metadata?.name?.endsWith('-migrate'))).toHaveLength(9);
    });

    it('keeps every rule: probes, hardening, resources, drains, network, jobs, secrets, supergraph', () => {
      expect(problemsOf(manifests, promises)).toEqual([]);
    });

    it(promises.demoData ? 'seeds the demo data in six Jobs' : 'adds no demo data', () => {
      const seeds = manifests.jobs.filter((job) => job.metadata?.name?.endsWith('-seed'));
      expect(seeds).toHaveLength(promises.demoData ? 6 : 0);
    });

    it(promises.highlyAvailable ? 'autoscales and budgets all eleven services' : 'runs one replica of each', () => {
      expect(manifests.autoscalers).toHaveLength(promises.highlyAvailable ? 11 : 0);
      expect(manifests.disruptionBudgets).toHaveLength(promises.highlyAvailable ? 11 : 0);
      if (!promises.highlyAvailable) {
        expect(manifests.deployments.filter((deployment) => (deployment.spec?.replicas ?? 1) !== 1)).toEqual([]);
      }
    });
  });

  describe('a broken copy fails the checks', () => {
    let copy: string;
    beforeEach(() => {
      copy = mkdtempSync(path.join(tmpdir(), 'agora-k8s-'));
      cpSync(K8S, copy, { recursive: true });
    });
    afterEach(() => rmSync(copy, { recursive: true, force: true }));

    const edit = (file: string, from: string | RegExp, to: string): void => {
      const full = path.join(copy, file);
      const text = readFileSync(full, 'utf8');
      const changed = text.replace(from, to);
      if (changed === text) throw new Error(`${file}: nothing to change`);
      writeFileSync(full, changed);
    };

    it.each([
      {
        broken: 'a readiness probe dropped from the pod defaults',
        change: () =>
          edit('components/pod-defaults/deployment.yaml', /\n\s+readinessProbe:[\s\S]*?failureThreshold: 2(?=\n)/, ''),
        problem: 'router: no readiness probe on /ready',
      },
      {
        broken: 'a port that is not a number',
        change: () => edit('base/services/orders.yaml', 'containerPort: 4006', "containerPort: 'four'"),
        problem: 'Deployment/orders: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      },
      {
        broken: 'a caller left out of a NetworkPolicy',
        change: () =>
          edit(
            'base/services/payments.yaml',
            /\n\s+- podSelector:\n\s+matchLabels:\n\s+app.kubernetes.io\/name: orders(?=\n)/,
            '',
          ),
        problem: 'payments: its NetworkPolicy does not admit orders',
      },
      {
        broken: 'a callee that cannot reach a caller’s JWKS',
        change: () =>
          edit(
            'base/services/orders.yaml',
            /\n\s+- podSelector:\n\s+matchLabels:\n\s+app.kubernetes.io\/name: payments(?=\n)/,
            '',
          ),
        problem: 'orders: its NetworkPolicy does not admit payments',
      },
      {
        broken: 'a writable root filesystem',
        change: () =>
          edit('components/pod-defaults/job.yaml', 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
        problem: 'accounts-migrate/app: root filesystem writable',
      },
      {
        broken: 'a migration run by a serving container',
        change: () =>
          edit(
            'base/services/cart.yaml',
            '- name: app\n          image: agora/cart\n',
            "- name: app\n          image: agora/cart\n          command: ['sh', '-c', 'node dist/migrate.js && node dist/main.js']\n",
          ),
        problem: 'cart: a serving container seeds or migrates',
      },
      {
        broken: 'a stale supergraph copy',
        change: () => writeFileSync(path.join(copy, 'base', 'supergraph.graphql'), `${SUPERGRAPH}\n# stale\n`),
        problem: 'ConfigMap supergraph differs from supergraph.graphql (run npm run compose)',
      },
    ])('$broken', ({ change, problem }) => {
      change();
      expect(problemsOf(renderOverlay(copy, 'prod'), OVERLAYS.prod as OverlayPromises)).toContain(problem);
    });

    it('demo data added to prod', () => {
      edit('overlays/prod/kustomization.yaml', 'components:\n', 'components:\n  - ../../components/demo-data\n');
      const problems = problemsOf(renderOverlay(copy, 'prod'), OVERLAYS.prod as OverlayPromises);
      expect(problems).toContain('accounts-seed: adds demo data where none may be');
    });
  });
});
