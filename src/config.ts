// Configuration from the environment, validated once at start with a message that names the
// variable and what is wrong with it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: LogLevel;
  sessionSecret: string;
  /** Mark cookies Secure (set when served over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  /** Requests per minute one client may make to each public route. */
  publicRateLimit: number;
  /** How long a public response is reused before it is built again (0: never reused). */
  publicCacheSeconds: number;
  /** Load the demo city when the database has no organisation yet. */
  demo: { enabled: boolean; entities: number; inspectors: number; seed: string };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `DATABASE_URL is not a URL: "${raw}" (expected postgres://user@host:5432/database)`,
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}"`);
  }
  return raw;
}

/** The secret from the environment, or one generated once and kept in the data directory. */
function sessionSecret(env: Env, dataDir: string): string {
  const given = env.TIANPING_SESSION_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('TIANPING_SESSION_SECRET must be at least 32 characters');
    return given;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const dataDir = resolve(env.TIANPING_DATA_DIR || './data');
  return {
    port: integer(env, 'PORT', 3000, 1, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: databaseUrl(env),
    logLevel,
    sessionSecret: sessionSecret(env, dataDir),
    secureCookies: flag(env, 'TIANPING_SECURE_COOKIES', false),
    trustProxy: flag(env, 'TIANPING_TRUST_PROXY', false),
    publicRateLimit: integer(env, 'TIANPING_PUBLIC_RATE_LIMIT', 120, 1, 1_000_000_000),
    publicCacheSeconds: integer(env, 'TIANPING_PUBLIC_CACHE_SECONDS', 60, 0, 3600),
    demo: {
      enabled: flag(env, 'TIANPING_DEMO', true),
      entities: integer(env, 'TIANPING_DEMO_ENTITIES', 50_000, 0, 10_000_000),
      inspectors: integer(env, 'TIANPING_DEMO_INSPECTORS', 400, 0, 100_000),
      seed: env.TIANPING_DEMO_SEED || 'shenzhen',
    },
  };
}

/** The PGlite directory inside the data directory (uploaded files live beside it). */
export const pgliteDir = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'pg');
