// `tianping import items|joint-items|entities|inspectors FILE`: the web's import pipeline, inline,
// as the system. Its last line is always `imported: <a> inserted, <b> updated, <c> rejected, <d> warnings`.
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../../cli/command.ts';
import { withDatabase } from '../../cli/command.ts';
import { ConfigError } from '../../config.ts';
import { CSV_BOM, csvLine, workbookBytes } from '../../core/export/table.ts';
import { type HeaderOverrides, ImportError, type ImportKind } from '../../core/import/index.ts';
import { SYSTEM_ACTOR } from '../audit/repo.ts';
import { findOrgByCode, rootOrg } from '../orgs/repo.ts';
import * as repo from './repo.ts';
import { createImportJob, rejectedWorkbookSheets, runImportJob } from './service.ts';

const KINDS: Record<string, ImportKind> = {
  items: 'items',
  'joint-items': 'joint_items',
  entities: 'entities',
  inspectors: 'inspectors',
};

/** `--map 文件表头=标准表头`, several times. */
export function parseMapOptions(values: readonly string[]): HeaderOverrides {
  const overrides: HeaderOverrides = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    if (at <= 0 || at === value.length - 1) {
      throw new ConfigError(`--map expects 文件表头=标准表头 (e.g. TYXYDM=统一社会信用代码), got "${value}"`);
    }
    overrides[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return overrides;
}

const SHOWN_ISSUES = 20;

export const importCommands: Record<string, Command> = {
  import: {
    usage:
      'import items|joint-items|entities|inspectors FILE [--map 表头=标准表头 ...] [--dry-run] [--report FILE] [--org CODE] [--year YYYY]',
    summary: 'import a register from .xlsx, .xls or CSV (UTF-8 or GBK); upsert by natural key',
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          map: { type: 'string', multiple: true, default: [] },
          'dry-run': { type: 'boolean', default: false },
          report: { type: 'string' },
          org: { type: 'string' },
          year: { type: 'string' },
        },
      });
      const [kindName, file] = positionals;
      const kind = KINDS[kindName ?? ''];
      if (!kind || !file || positionals.length > 2) {
        throw new ConfigError(`usage: tianping ${importCommands.import.usage}`);
      }
      if (values.year !== undefined && !/^20\d{2}$/.test(values.year)) {
        throw new ConfigError(`--year must be a year such as 2026, got "${values.year}"`);
      }
      const overrides = parseMapOptions(values.map);
      const path = resolve(file);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new ConfigError(`cannot read ${file}`);
      }

      return withDatabase(async (database) => {
        const org = values.org ? await findOrgByCode(database.db, values.org) : await rootOrg(database.db);
        if (!org)
          throw new ConfigError(values.org ? `no organisation with code ${values.org}` : 'no organisation');
        const jobId = await createImportJob(database, {
          kind,
          fileName: path,
          filePath: path,
          fileSize: size,
          orgId: org.id,
          createdBy: null,
          actor: SYSTEM_ACTOR,
          overrides,
          year: values.year === undefined ? undefined : Number(values.year),
        });
        let summary: Awaited<ReturnType<typeof runImportJob>>;
        try {
          summary = await runImportJob(database, jobId, { dryRun: values['dry-run'] });
        } catch (error) {
          if (error instanceof ImportError) {
            console.error(`tianping: ${error.message}`);
            return 1;
          }
          throw error;
        }
        const { detection } = summary;
        console.log(
          `${file}: sheet “${detection.sheet}”, header on line ${detection.headerLines.join('–')}, into ${org.name} (${org.code})`,
        );
        for (const column of detection.columns) {
          console.log(`  ${column.header} → ${column.field ?? '(ignored)'}`);
        }
        for (const issue of summary.issues.slice(0, SHOWN_ISSUES)) {
          const kindText = issue.severity === 'error' ? 'rejected' : 'warning';
          console.log(`  line ${issue.line} ${kindText}: ${issue.column}“${issue.value}” — ${issue.reason}`);
        }
        const more = summary.rejected + summary.warnings - Math.min(summary.issues.length, SHOWN_ISSUES);
        if (more > 0) console.log(`  … and ${more} more (see --report)`);
        if (values.report) {
          const job = (await repo.findJob(database.db, jobId))!;
          const sheets = await rejectedWorkbookSheets(database, job);
          const target = resolve(values.report);
          if (/\.csv$/i.test(target)) {
            const [rejected] = sheets;
            writeFileSync(target, CSV_BOM + [rejected.header, ...rejected.rows].map(csvLine).join(''));
          } else writeFileSync(target, workbookBytes(sheets));
          console.log(`rejected rows and issues written to ${target}`);
        }
        console.log(`${summary.rows} rows read, ${summary.unchanged} unchanged`);
        if (summary.dryRun) console.log('dry run: nothing was written');
        console.log(
          `imported: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.rejected} rejected, ${summary.warnings} warnings`,
        );
        return 0;
      });
    },
  },
};
