import { SUBGRAPH_NAMES, type SubgraphName } from '../schema/sdl';
import { DEV_GATEWAY_SECRET } from './kernel/principal';
import { SUBGRAPH_MODULES } from './registry';
import {
  ConfigError,
  readDatabaseSettings,
  readInteger,
  readNatsSettings,
  readSecret,
  readString,
  readTelemetrySettings,
  type DatabaseSettings,
  type Environment,
  type NatsSettings,
  type TelemetrySettings,
} from '../server/settings';

/** Every setting of one subgraph's own process (`subgraphs/main.ts`), read and validated here. */
export interface SubgraphProcessConfig {
  readonly production: boolean;
  readonly name: SubgraphName;
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseSettings;
  /** The subgraphs of the distributed topology exchange events through NATS JetStream only. */
  readonly nats: NatsSettings;
  /** Verifies the principal header the gateway signs. */
  readonly gatewaySecret: string;
  readonly maxBodyBytes: number;
  readonly telemetry: TelemetrySettings;
}

/**
 * `SUBGRAPH` (or the first argument) names the subgraph. In production a missing
 * gateway secret or database URL stops the process with the variable's name; NATS_URL
 * is always required, since a subgraph in its own process has no other way to exchange
 * events.
 */
export function loadSubgraphConfig(env: Environment = process.env, argument?: string): SubgraphProcessConfig {
  const production = env.NODE_ENV === 'production';
  const name = argument ?? readString(env, 'SUBGRAPH');
  if (!name || !SUBGRAPH_NAMES.includes(name as SubgraphName)) {
    throw new ConfigError(`SUBGRAPH must be one of ${SUBGRAPH_NAMES.join(', ')}`);
  }
  const module = SUBGRAPH_MODULES.find((m) => m.name === name)!;
  const gatewaySecret = readSecret(env, 'GATEWAY_SECRET', production);
  const nats = readNatsSettings(env);
  if (!nats) throw new ConfigError('NATS_URL must be set: a subgraph in its own process exchanges events through NATS JetStream');
  return {
    production,
    name: module.name,
    port: readInteger(env, 'PORT', module.defaultPort),
    host: readString(env, 'HOST') ?? '0.0.0.0',
    database: readDatabaseSettings(env, production),
    nats,
    gatewaySecret: gatewaySecret ?? DEV_GATEWAY_SECRET,
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024),
    telemetry: readTelemetrySettings(env),
  };
}
