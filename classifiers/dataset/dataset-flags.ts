// The dataset flags shared by `waspada train`, `eval` and `dataset check`: format, text/label fields and label values.
import { Option, type Command } from 'commander';
import { DatasetError, DEFAULT_NEGATIVE, DEFAULT_POSITIVE, defaultDatasetOptions, formatFromPath, type DatasetFormat, type DatasetOptions } from './read-dataset.js';

export interface DatasetFlags {
  format?: DatasetFormat;
  textField?: string[];
  labelField?: string;
  positive?: string[];
  negative?: string[];
  idField?: string;
  where?: string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addDatasetFlags(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'dataset format (default: csv for *.csv, else jsonl); emscad = the EMSCAD CSV columns').choices(['jsonl', 'csv', 'emscad']))
    .option('--text-field <field>', 'column/key holding text; repeat to join several (default: text)', collect)
    .option('--label-field <field>', 'column/key holding the label (default: label; emscad: fraudulent)')
    .option('--positive <value>', `label value meaning scam; repeatable (default: ${DEFAULT_POSITIVE.join(', ')}; emscad: 1)`, collect)
    .option('--negative <value>', `label value meaning legitimate; repeatable; '*' = any other value (default: ${DEFAULT_NEGATIVE.join(', ')}; emscad: 0)`, collect)
    .option('--id-field <field>', 'column/key holding a row id (default: id; else the row number)')
    .option('--where <field=value>', 'keep only rows where field equals value, e.g. --where split=train; repeatable (all must hold)', collect);
}

export function datasetOptionsFrom(file: string, flags: DatasetFlags): DatasetOptions {
  const format = flags.format ?? formatFromPath(file);
  const defaults = defaultDatasetOptions(format);
  return {
    format,
    textFields: flags.textField && flags.textField.length > 0 ? flags.textField : defaults.textFields,
    labelField: flags.labelField ?? defaults.labelField,
    positive: flags.positive && flags.positive.length > 0 ? flags.positive : defaults.positive,
    negative: flags.negative && flags.negative.length > 0 ? flags.negative : defaults.negative,
    idField: flags.idField ?? defaults.idField,
    ...(flags.where && flags.where.length > 0 ? { where: flags.where.map(parseWhere) } : {}),
  };
}

function parseWhere(expression: string): { field: string; value: string } {
  const at = expression.indexOf('=');
  if (at <= 0) throw new DatasetError(`--where expects field=value, got '${expression}'`);
  return { field: expression.slice(0, at), value: expression.slice(at + 1) };
}
