// The lock-heavy rows loaded as a new user of jsforce would: the Accounts in one Bulk API 2.0 job, then all the
// Contacts in one job (upsert on External_Id__c). Prints one JSON line: the Contacts job's wall seconds and its rows
// failed with UNABLE_TO_LOCK_ROW. Usage: node lock-heavy.cjs BASE_URL ACCOUNTS_CSV CONTACTS_CSV (jsforce on NODE_PATH)
'use strict';
const fs = require('fs');
const jsforce = require('jsforce');

async function main() {
  const [base, accountsCsv, contactsCsv] = process.argv.slice(2);
  const conn = new jsforce.Connection({ loginUrl: base, version: '60.0' });
  await conn.login('admin@emulator.local', 'passwordtoken');
  const load = (object, file) => conn.bulk2.loadAndWaitForResults({
    object, operation: 'upsert', externalIdFieldName: 'External_Id__c',
    input: fs.readFileSync(file, 'utf8'), pollInterval: 1000, pollTimeout: 3600000,
  });
  await load('Account', accountsCsv);
  const started = Date.now();
  const results = await load('Contact', contactsCsv);
  const seconds = (Date.now() - started) / 1000;
  const locked = results.failedResults.filter(r => String(r.sf__Error).startsWith('UNABLE_TO_LOCK_ROW')).length;
  console.log(JSON.stringify({ wall_s: seconds, failed: results.failedResults.length, unable_to_lock_row: locked }));
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(1); });
