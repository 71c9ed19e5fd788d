// Every migration in order. A migration is a name and a list of single SQL statements.
import * as foundation from './0001_foundation.ts';
import * as registers from './0002_registers.ts';
import * as draws from './0003_draws.ts';
import * as credit from './0004_credit.ts';
import * as inspections from './0005_inspections.ts';
import * as publicity from './0006_publicity.ts';

export interface Migration {
  name: string;
  up: readonly string[];
}

export const migrations: readonly Migration[] = [
  foundation,
  registers,
  draws,
  credit,
  inspections,
  publicity,
];
