// DuckDB beside `abstracts` on Papers API responses: the peer that
// scripts/bench/api.sh times.
//
// Usage: node scripts/bench/duckdb-api.mjs MODE INPUT [OUT.parquet]
//
// INPUT is a file or a glob of files (DIR/*.json), JSON arrays of items or
// JSON Lines of them (read_json detects which). MODE:
//   all   COPY (SELECT * FROM read_json(INPUT, union_by_name=true)) TO OUT
//         (FORMAT parquet, COMPRESSION zstd): every field, nested as in the
//         JSON (authors with their user objects, avatars and ids);
//   flat  the same COPY of the columns `abstracts export` writes (schema
//         3.0.0), flattened from the items as abstracts reads them: title
//         and abstract with white space collapsed, listing and publication
//         dates, counts, author names, the organization's and submitter's
//         names, the abstract's URLs and the GitHub repository. read_json
//         is given the types of just the fields abstracts reads (columns =
//         {...}), so it skips the rest (avatars, ids, media) as abstracts
//         does, and needs no schema detection;
//   load  CREATE TABLE AS SELECT * FROM read_json(INPUT, union_by_name=true):
//         every item parsed into memory, nothing written.
// The packages come from scripts/readers/node_modules (npm ci there). DuckDB
// uses every core. Prints the statement's own wall time in seconds.
import { createRequire } from "node:module";

const require = createRequire(new URL("../readers/package.json", import.meta.url));
const { DuckDBInstance } = require("@duckdb/node-api");

const [mode, input, output] = process.argv.slice(2);
if (!["all", "flat", "load"].includes(mode) || !input || (mode !== "load" && !output)) {
  console.error("usage: duckdb-api.mjs all|flat|load INPUT [OUT.parquet]");
  process.exit(2);
}
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const source = `read_json(${quote(input)}, union_by_name = true)`;
const ws = (e) => `regexp_replace(trim(${e}), '\\s+', ' ', 'g')`;
const flat = `SELECT
  left(sha256(lower(${ws("title")})), 16) AS id,
  ${ws("title")} AS title,
  ${ws("paper.summary")} AS abstract,
  CAST(row_number() OVER (PARTITION BY filename) AS INTEGER) AS position,
  CAST(NULL AS VARCHAR) AS listing_label,
  CAST(paper.submittedOnDailyAt AS DATE) AS listing_date,
  regexp_extract_all(paper.summary, 'https?://[^\\s]*[^\\s.,;:]') AS urls,
  coalesce(nullif(regexp_extract(paper.githubRepo, 'github\\.com/([^/]+/[^/]+)', 1), ''),
           nullif(regexp_extract(paper.summary, 'https?://github\\.com/([A-Za-z0-9-]+/[A-Za-z0-9._-]*[A-Za-z0-9_-])', 1), '')) AS github_repo,
  filename AS source,
  CAST(NULL AS INTEGER) AS line,
  paper.id AS paper_id,
  CAST(paper.publishedAt AS DATE) AS published_date,
  CAST(paper.upvotes AS INTEGER) AS upvotes,
  CAST(numComments AS INTEGER) AS comments,
  CAST(len(paper.authors) AS INTEGER) AS num_authors,
  coalesce(organization.fullname, paper.organization.fullname) AS organization,
  coalesce(submittedBy.name, paper.submittedOnDailyBy.name) AS submitted_by,
  CAST(paper.githubStars AS INTEGER) AS github_stars,
  list_transform(paper.authors, a -> ${ws("a.name")}) AS authors,
  paper.ai_summary AS ai_summary,
  paper.ai_keywords AS ai_keywords,
  paper.projectPage AS project_page
FROM read_json(${quote(input)}, filename = true, columns = {
  paper: 'STRUCT(id VARCHAR, authors STRUCT(name VARCHAR)[], publishedAt TIMESTAMP, submittedOnDailyAt TIMESTAMP,
    title VARCHAR, summary VARCHAR, upvotes BIGINT, githubRepo VARCHAR, githubStars BIGINT, projectPage VARCHAR,
    ai_summary VARCHAR, ai_keywords VARCHAR[], organization STRUCT(fullname VARCHAR), submittedOnDailyBy STRUCT(name VARCHAR))',
  title: 'VARCHAR', numComments: 'BIGINT', submittedBy: 'STRUCT(name VARCHAR)', organization: 'STRUCT(fullname VARCHAR)'})`;

const sql = {
  all: `COPY (SELECT * FROM ${source}) TO ${quote(output ?? "")} (FORMAT parquet, COMPRESSION zstd)`,
  flat: `COPY (${flat}) TO ${quote(output ?? "")} (FORMAT parquet, COMPRESSION zstd)`,
  load: `CREATE TABLE items AS SELECT * FROM ${source}`,
}[mode];

const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
const start = performance.now();
await db.run(sql);
console.log(((performance.now() - start) / 1000).toFixed(3));
