// One small load through jsforce's Bulk API 2.0, as a pipeline run would make it: a fresh process that
// gets a session, upserts the records of one JSON file into Contact and waits for the results.
// Usage: node jsforce-small-load.cjs BASE_URL RECORDS.json   (jsforce found through NODE_PATH)
'use strict';
const fs = require('fs');
const jsforce = require('jsforce');

async function main() {
  const [base, file] = process.argv.slice(2);
  const form = new URLSearchParams({
    grant_type: 'refresh_token', client_id: 'emulator-client', client_secret: 'emulator-secret', refresh_token: 'emulator-refresh-token',
  });
  const token = await (await fetch(`${base}/services/oauth2/token`, { method: 'POST', body: form })).json();
  const conn = new jsforce.Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: '64.0' });
  const input = JSON.parse(fs.readFileSync(file, 'utf8'));
  // The target's first poll is 0.5 s too, so both wait alike for a job that is done.
  const results = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'upsert', externalIdFieldName: 'External_Id__c', input, pollInterval: 500, pollTimeout: 120000,
  });
  if (results.failedResults.length > 0 || results.successfulResults.length !== input.length) {
    throw new Error(`${results.successfulResults.length} of ${input.length} succeeded, ${results.failedResults.length} failed`);
  }
}

main().catch((error) => {
  console.error(`jsforce small load failed: ${error.message}`);
  process.exit(1);
});
