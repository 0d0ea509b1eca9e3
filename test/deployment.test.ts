/**
 * The container files cannot rot (issue 8): there is no Docker engine here, so this reads
 * `docker-compose.yml` and the `Dockerfile` and checks them against what the code reads.
 * Every variable a service is given is one its process reads (found by loading the
 * process's own config over a recording environment), every production setting is there,
 * every URL points at a service it waits for, every command's file is in the image, and
 * the image holds every module those files import. The README's configuration table lists
 * exactly the settings the processes read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadGatewayConfig } from '../gateway/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/sdl';
import { loadSubgraphConfig } from '../subgraphs/config';
import { loadMigrationSettings } from '../subgraphs/migrate';
import { SUBGRAPH_MODULES } from '../subgraphs/registry';
import type { Environment } from '../server/settings';

const ROOT = resolve(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  profiles?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

/** What an operator exports before `docker compose up` (the file refuses to start without the secrets). */
const OPERATOR_ENV: Record<string, string> = { AUTH_JWT_SECRET: 'a-secret-from-the-vault-0123456789abcdef', GATEWAY_SECRET: 'another-secret-from-the-vault-0123456789' };

/** Compose's interpolation: `${X}`, `${X:-default}`, `${X:?message}` (which stops `up` when X is unset). */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_whole, name: string, kind?: string, rest?: string) => {
    if (given[name] !== undefined) return given[name]!;
    if (kind === '?') throw new Error(`docker compose up stops: ${rest}`);
    return kind === '-' ? rest! : '';
  });
}

/** The last stage of the Dockerfile: what runs. */
const dockerfile = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = dockerfile.reduce<string[][]>((all, line) => (line.startsWith('FROM ') ? [...all, [line]] : (all.at(-1)!.push(line), all)), []);
const runtimeStage = stages.at(-1)!;
const imageEnv = Object.fromEntries(
  runtimeStage.filter((line) => line.startsWith('ENV ')).map((line) => line.slice(4).trim().split('=') as [string, string]),
);
const builtFromDockerfile = (service: ComposeService) => service.image === 'licensing-graph:local';

function environmentOf(name: string): Record<string, string> {
  const service = services[name]!;
  const own = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), OPERATOR_ENV)]));
  return { ...(builtFromDockerfile(service) ? imageEnv : {}), ...own };
}

/** An environment that records the names its reader asks for. */
function recording(env: Record<string, string>): { env: Environment; names: Set<string> } {
  const names = new Set<string>();
  const proxy = new Proxy(env, {
    get: (target, key) => {
      if (typeof key === 'string') names.add(key);
      return target[key as string];
    },
  });
  return { env: proxy, names };
}

type ProcessKind = 'gateway' | 'subgraph' | 'migrate';

function processOf(service: ComposeService): ProcessKind | null {
  const script = service.command?.find((part) => part.endsWith('.ts'));
  if (script === 'gateway/main.ts') return 'gateway';
  if (script === 'subgraphs/main.ts') return 'subgraph';
  if (script === 'subgraphs/migrate.ts') return 'migrate';
  return null;
}

/** Loads the service's process config as the process would, and returns it with the names it read. */
function load(name: string) {
  const service = services[name]!;
  const { env, names } = recording(environmentOf(name));
  const kind = processOf(service);
  const config =
    kind === 'gateway' ? loadGatewayConfig(env) : kind === 'subgraph' ? loadSubgraphConfig(env) : kind === 'migrate' ? loadMigrationSettings(env) : null;
  return { kind, config, names };
}

const appServices = Object.keys(services).filter((name) => builtFromDockerfile(services[name]!));
const subgraphServices = appServices.filter((name) => processOf(services[name]!) === 'subgraph');

describe('docker-compose.yml matches what the code reads', () => {
  it('runs the four subgraphs, the gateway, a migration, PostgreSQL and NATS JetStream', () => {
    expect(subgraphServices.sort()).toEqual([...SUBGRAPH_NAMES].sort());
    expect(appServices.filter((name) => processOf(services[name]!) === 'gateway')).toEqual(['gateway']);
    expect(appServices.filter((name) => processOf(services[name]!) === 'migrate')).toEqual(['migrate']);
    expect(services.postgres?.image).toMatch(/^postgres:\d+/);
    expect(services.nats?.image).toMatch(/^nats:/);
    expect(services.nats?.command).toContain('-js');
  });

  it.each(appServices)('%s: starts in production with these settings, and each one given is one its process reads', (name) => {
    const { kind, names } = load(name);
    expect(kind).not.toBeNull();
    expect(environmentOf(name).NODE_ENV).toBe('production');
    const unread = Object.keys(environmentOf(name)).filter((key) => !names.has(key));
    expect(unread).toEqual([]);
  });

  it('stops at `docker compose up` when a secret is not exported, rather than starting a gateway with a default', () => {
    expect(() => interpolate(String(services.gateway!.environment!.AUTH_JWT_SECRET), {})).toThrow(/AUTH_JWT_SECRET/);
    for (const name of ['gateway', ...subgraphServices]) {
      expect(() => interpolate(String(services[name]!.environment!.GATEWAY_SECRET), {})).toThrow(/GATEWAY_SECRET/);
    }
  });

  it.each(subgraphServices)('%s: is the subgraph of its name, on the port the gateway calls, over the shared PostgreSQL and NATS', (name) => {
    const { config } = load(name) as { config: ReturnType<typeof loadSubgraphConfig> };
    expect(config.name).toBe(name);
    expect(config.port).toBe(SUBGRAPH_MODULES.find((m) => m.name === name)!.defaultPort);
    const gateway = load('gateway').config as ReturnType<typeof loadGatewayConfig>;
    const url = new URL(gateway.subgraphUrls![name as SubgraphName]);
    expect({ host: url.hostname, port: Number(url.port), path: url.pathname }).toEqual({ host: name, port: config.port, path: '/graphql' });
    expect(config.gatewaySecret).toBe(gateway.gatewaySecret);
    expect(config.database.url).toBe(environmentOf('migrate').DATABASE_URL);
  });

  it('the database URL carries the credentials and database PostgreSQL is created with', () => {
    const url = new URL(environmentOf('migrate').DATABASE_URL!);
    const postgres = Object.fromEntries(Object.entries(services.postgres!.environment!).map(([k, v]) => [k, interpolate(String(v), OPERATOR_ENV)]));
    expect({ user: url.username, password: url.password, database: url.pathname.slice(1) }).toEqual({
      user: postgres.POSTGRES_USER,
      password: postgres.POSTGRES_PASSWORD,
      database: postgres.POSTGRES_DB,
    });
  });

  it('publishes the gateway on its PORT and no subgraph port (nothing reaches a subgraph but through the gateway)', () => {
    const gateway = load('gateway').config as ReturnType<typeof loadGatewayConfig>;
    expect(services.gateway!.ports).toEqual([`${gateway.port}:${gateway.port}`]);
    for (const name of subgraphServices) expect(services[name]!.ports).toBeUndefined();
  });

  it.each(Object.keys(services))('%s: waits for every service its URLs name, healthy, and for existing services only', (name) => {
    const dependsOn = services[name]!.depends_on ?? {};
    const hosts = Object.values(environmentOf(name))
      .filter((value) => /^[a-z]+:\/\//.test(value))
      .map((value) => new URL(value).hostname);
    for (const host of hosts) expect(dependsOn[host]?.condition).toBe('service_healthy');
    for (const [target, { condition }] of Object.entries(dependsOn)) {
      expect(services[target]).toBeDefined();
      if (condition === 'service_healthy') expect(hasHealthCheck(services[target]!)).toBe(true);
      if (condition === 'service_completed_successfully') expect(processOf(services[target]!)).toBe('migrate');
    }
  });

  it('no subgraph starts before the migration has finished', () => {
    for (const name of subgraphServices) expect(services[name]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
  });

  it('every process health-checks the PORT it listens on', () => {
    for (const name of appServices.filter((n) => processOf(services[n]!) !== 'migrate')) {
      expect(hasHealthCheck(services[name]!)).toBe(true);
      expect(services[name]!.healthcheck).toBeUndefined(); // the image's, which reads PORT
      expect(environmentOf(name).PORT).toMatch(/^\d+$/);
    }
    expect(runtimeStage.find((line) => line.startsWith('HEALTHCHECK'))).toContain("process.env.PORT || 4000) + '/health'");
  });
});

function hasHealthCheck(service: ComposeService): boolean {
  if (service.healthcheck?.disable) return false;
  return Boolean(service.healthcheck?.test) || (builtFromDockerfile(service) && runtimeStage.some((line) => line.startsWith('HEALTHCHECK')));
}

describe('the Dockerfile builds what production runs', () => {
  const packageJson = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
  const copied = runtimeStage.filter((line) => line.startsWith('COPY ') && !line.includes('--from')).map((line) => line.split(/\s+/).at(-2)!);

  it('is multi-stage, installs production dependencies only from the lock, runs as a non-root user with NODE_ENV=production', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]!.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(runtimeStage.some((line) => line.includes('COPY --from=') && line.includes('node_modules'))).toBe(true);
    expect(runtimeStage).toContain('USER node');
    expect(imageEnv.NODE_ENV).toBe('production');
    expect(runtimeStage.some((line) => line.startsWith('HEALTHCHECK'))).toBe(true);
  });

  it('uses the Node.js major the tests run on, which package.json engines allows', () => {
    const tags = stages.map((stage) => /^FROM node:(\d+)\.(\d+)/.exec(stage[0]!));
    for (const tag of tags) {
      expect(tag).not.toBeNull();
      expect(Number(tag![1])).toBe(Number(process.versions.node.split('.')[0]));
    }
    expect(Number(tags[0]![2])).toBeGreaterThanOrEqual(19); // engines: >=20.19
  });

  it('starts the gateway as npm start does', () => {
    const cmd = JSON.parse(runtimeStage.find((line) => line.startsWith('CMD '))!.slice(4)) as string[];
    expect(cmd.join(' ')).toBe(packageJson.scripts.start);
    expect(services.gateway!.command!.join(' ')).toBe(packageJson.scripts.start);
  });

  // What every command imports, followed file by file from its entry point.
  const entries = [...new Set(Object.values(services).flatMap((s) => (builtFromDockerfile(s) ? s.command!.filter((p) => p.endsWith('.ts')) : [])))];

  it.each(entries)('%s: it and every module it imports are in the image, and every package it imports is a production dependency', (entry) => {
    expect(existsSync(join(ROOT, entry))).toBe(true);
    const { files, packages } = importsOf(entry);
    const outside = files.filter((file) => !copied.some((dir) => file === dir || file.startsWith(`${dir}/`)) || file.endsWith('.test.ts'));
    expect(outside).toEqual([]);
    const notProduction = packages.filter((name) => !(name in packageJson.dependencies));
    expect(notProduction).toEqual([]);
  });

  // Files a command loads before its entry point (the TypeScript loader, `--require ./ops/...`).
  const preloaded = [...new Set(Object.values(services).flatMap((s) => (builtFromDockerfile(s) ? s.command!.filter((p) => p.startsWith('./')) : [])))];

  it('every command loads its TypeScript with a loader that is in the image and needs production dependencies only', () => {
    expect(preloaded.length).toBeGreaterThan(0);
    for (const file of preloaded) {
      const path = file.slice(2);
      expect(existsSync(join(ROOT, path))).toBe(true);
      expect(copied.some((dir) => path.startsWith(`${dir}/`))).toBe(true);
      const required = [...read(path).matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!).filter((name) => !name.startsWith('node:'));
      expect(required.filter((name) => !(name in packageJson.dependencies))).toEqual([]);
    }
  });

  it('leaves out of the build context what must not be in an image', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['.git', 'node_modules', 'data', '.env']) expect(ignored).toContain(entry);
  });
});

/** Relative imports followed to files (relative to the root), and the packages named on the way. */
function importsOf(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const builtins = new Set(builtinModules);
  const queue = [join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const name = relative(ROOT, file);
    if (files.has(name)) continue;
    files.add(name);
    const source = readFileSync(file, 'utf8');
    // Type-only imports vanish at run time; every other static or dynamic import loads.
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|require\(\s*'([^']+)'\s*\)/g)].map(
      (match) => match[1] ?? match[2] ?? match[3]!,
    );
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const base = resolve(dirname(file), specifier);
        const target = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && candidate.endsWith('.ts'));
        if (!target) throw new Error(`${name} imports ${specifier}, which is not a TypeScript file`);
        queue.push(target);
      } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

describe("the README's configuration table", () => {
  /** Every name the processes read: the compose services', and the embedded gateway's with and without NATS. */
  function namesRead(): Set<string> {
    const names = new Set<string>();
    const add = (more: Set<string>) => more.forEach((name) => names.add(name));
    for (const name of appServices) add(load(name).names);
    for (const env of [{}, { NATS_URL: 'nats://127.0.0.1:4222' }] as Record<string, string>[]) {
      const recorded = recording(env);
      loadGatewayConfig(recorded.env);
      add(recorded.names);
    }
    const subgraph = recording({ NATS_URL: 'nats://127.0.0.1:4222' });
    loadSubgraphConfig(subgraph.env, 'catalog');
    add(subgraph.names);
    return names;
  }

  it('lists every setting a process reads, and only those', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n## ', readme.indexOf('\n## Configuration') + 1));
    const listed = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!)),
    );
    expect([...namesRead()].sort()).toEqual([...listed].sort());
  });
});
