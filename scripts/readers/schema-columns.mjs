// The columns of an `abstracts export`, derived from the record JSON Schema
// that `abstracts schema` prints, with the type each reader must give them.
// The reader checks take their column list, nullability and types from here,
// so a new field of the schema needs no edit of the checks; a property whose
// JSON Schema type has no mapping below is an error, not a silent skip.
//
//   JSON Schema                         kind      DuckDB     Arrow JS      Parquet (physical, converted)   Polars
//   "string" (no format, or "uri")      string    VARCHAR    Utf8          BYTE_ARRAY UTF8                 String
//   "string", "format": "date"          date      DATE       Date32<DAY>   INT32 DATE                      Date
//   "integer" within int32              int32     INTEGER    Int32         INT32 INT_32                    Int32
//   "integer", wider or unbounded       int64     BIGINT     Int64         INT64 INT_64                    Int64
//   "array" of "string"                 strings   VARCHAR[]  List<Utf8>    LIST of REQUIRED UTF8           List(String)
//
// A nullable array (["array", "null"]: authors, ai_keywords) is the same
// column with null allowed: null and [] are different values in every format.
//
// The Parquet logical type is matched by a pattern: DuckDB prints an
// IntType's bit width as a raw byte. A type that lists "null"
// (["string", "null"]) makes the column nullable.

import { readFileSync } from 'node:fs';

const KINDS = {
  string: { duck: 'VARCHAR', arrow: 'Utf8', parquet: ['BYTE_ARRAY', 'UTF8'], logical: /^StringType\(\)$/, polars: 'String' },
  date: { duck: 'DATE', arrow: 'Date32<DAY>', parquet: ['INT32', 'DATE'], logical: /^DateType\(\)$/, polars: 'Date' },
  int32: { duck: 'INTEGER', arrow: 'Int32', parquet: ['INT32', 'INT_32'], logical: /^IntType\(.*isSigned=1\)$/, polars: 'Int32' },
  int64: { duck: 'BIGINT', arrow: 'Int64', parquet: ['INT64', 'INT_64'], logical: /^IntType\(.*isSigned=1\)$/, polars: 'Int64' },
  strings: { duck: 'VARCHAR[]', arrow: 'List<Utf8>', parquet: [null, 'LIST'], logical: /^ListType\(\)$/, polars: 'List(String)' },
};

/** The JSON-Schema types of a property, without "null", and whether "null" is one. */
function types(prop) {
  const t = Array.isArray(prop.type) ? prop.type : [prop.type];
  return { base: t.filter((x) => x !== 'null'), nullable: t.includes('null') };
}

function kindOf(name, prop) {
  const { base } = types(prop);
  const where = `schema property ${JSON.stringify(name)}`;
  if (base.length !== 1) throw new Error(`${where}: type ${JSON.stringify(prop.type)} has no column mapping`);
  switch (base[0]) {
    case 'string':
      if (prop.format === undefined || prop.format === 'uri') return 'string';
      if (prop.format === 'date') return 'date';
      throw new Error(`${where}: string format ${JSON.stringify(prop.format)} has no column mapping`);
    case 'integer':
      return prop.maximum !== undefined && prop.maximum <= 2147483647 && (prop.minimum ?? -Infinity) >= -2147483648
        ? 'int32' : 'int64';
    case 'array': {
      const items = prop.items ?? {};
      if (items.type !== 'string' || (items.format !== undefined && items.format !== 'uri')) {
        throw new Error(`${where}: array items ${JSON.stringify(items)} have no column mapping`);
      }
      return 'strings';
    }
    default:
      throw new Error(`${where}: type ${JSON.stringify(base[0])} has no column mapping`);
  }
}

/**
 * Columns of the schema, in property order:
 * [{ name, kind, nullable, duck, arrow, parquet: [physical, converted], logical: RegExp }].
 * Throws when the schema's required list is not every property in order:
 * every column is present in every record, null or not.
 */
export function schemaColumns(schema) {
  const names = Object.keys(schema.properties ?? {});
  if (JSON.stringify(schema.required) !== JSON.stringify(names)) {
    throw new Error(`schema: required ${JSON.stringify(schema.required)} is not the property list ${JSON.stringify(names)}`);
  }
  return names.map((name) => {
    const prop = schema.properties[name];
    const kind = kindOf(name, prop);
    return { name, kind, nullable: types(prop).nullable, ...KINDS[kind] };
  });
}

/** schemaColumns of a schema file (the output of `abstracts schema`). */
export function schemaColumnsFromFile(path) {
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  return { schema, columns: schemaColumns(schema) };
}

/** DuckDB's read_json `columns` struct literal for the columns: their declared types. */
export function duckColumnsArg(columns) {
  return `{${columns.map((c) => `'${c.name}': '${c.duck}'`).join(', ')}}`;
}

/** True when v is a JSON value of column c (null only where nullable). */
export function jsonValueFits(c, v) {
  if (v === null) return c.nullable;
  switch (c.kind) {
    case 'string': return typeof v === 'string';
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'int32': return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    case 'int64': return Number.isInteger(v);
    case 'strings': return Array.isArray(v) && v.every((x) => typeof x === 'string');
    default: return false;
  }
}

/**
 * Normalise one value from any reader (DuckDB JSON rows, Arrow JS, JSON.parse)
 * into the JSON value of the JSONL: bigint and numeric strings to numbers for
 * integers, Date and epoch milliseconds to YYYY-MM-DD for dates, vectors to
 * arrays (their items as the reader gave them, so that a null or non-string
 * item still differs). undefined (a missing column) becomes the marker
 * '<<missing>>'; null stays null, so a null list never equals [].
 */
export function normValue(c, v) {
  if (v === undefined) return '<<missing>>';
  if (v === null) return null;
  switch (c.kind) {
    case 'int32':
    case 'int64':
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
      return v;
    case 'date':
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
      return v;
    case 'strings':
      if (typeof v !== 'string' && v[Symbol.iterator]) return Array.from(v, (x) => (x === undefined ? '<<missing>>' : x));
      return v;
    default:
      return v;
  }
}
