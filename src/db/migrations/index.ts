// Every migration in order. A migration is a name and a list of single SQL statements.
import * as foundation from './0001_foundation.ts';
import * as credit from './0004_credit.ts';

export interface Migration {
  name: string;
  up: readonly string[];
}

// 0002 (registers) and 0003 (draws) come from their branches; the lead orders them at merge.
export const migrations: readonly Migration[] = [foundation, credit];
