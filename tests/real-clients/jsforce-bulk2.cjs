// jsforce's Bulk API 2.0 load against the emulator, unmodified: SOAP login, upsert (insert then update),
// a row error, a query back, an OAuth refresh-token session that starts expired, and a session that
// expires mid-job (a fault), which jsforce must survive by refreshing.
// Usage: node jsforce-bulk2.cjs BASE_URL   (jsforce found through NODE_PATH)
'use strict';
const jsforce = require('jsforce');

const { base, check, finish } = require('./script-run.cjs').start('jsforce-bulk2.cjs', 'jsforce');

const tricky = 'Comma, "quoted"\nmultiline';
const accounts = Array.from({ length: 10 }, (_, i) => ({
  External_Id__c: `jsf-${i + 1}`,
  Name: i === 2 ? tricky : `jsforce Account ${i + 1}`,
  AnnualRevenue: 1000.5 * (i + 1),
  NumberOfEmployees: i + 1,
}));

async function admin(path, body, method = 'POST') {
  const response = await fetch(`${base}/__emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`);
}

async function load(conn, options) {
  return conn.bulk2.loadAndWaitForResults({ pollInterval: 200, pollTimeout: 60000, ...options });
}

async function main() {
  // 1. SOAP login (version <= 64.0, where login() still exists), password + security token.
  const conn = new jsforce.Connection({ loginUrl: base, version: '60.0' });
  const userInfo = await conn.login('admin@emulator.local', 'passwordtoken');
  check(conn.instanceUrl === base, `SOAP login gives instanceUrl ${conn.instanceUrl}`);
  check(userInfo.organizationId === '00D000000000001EAA', `SOAP login gives org ${userInfo.organizationId}`);

  // 2. Upsert 10 new accounts: all created.
  const first = await load(conn, { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: accounts });
  check(first.successfulResults.length === 10, `first upsert: ${first.successfulResults.length} successful of 10`);
  check(first.failedResults.length === 0, `first upsert: ${first.failedResults.length} failed`);
  check(first.successfulResults.every((r) => String(r.sf__Created) === 'true'), 'first upsert: every row created');
  check(first.successfulResults.every((r) => /^001[0-9A-Za-z]{15}$/.test(r.sf__Id)), 'first upsert: 18-character Account ids');

  // 3. The same upsert again: all updated, same ids.
  const second = await load(conn, { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: accounts });
  check(second.successfulResults.length === 10 && second.successfulResults.every((r) => String(r.sf__Created) === 'false'),
    'second upsert: every row updated, none created');
  const firstIds = new Set(first.successfulResults.map((r) => r.sf__Id));
  check(second.successfulResults.every((r) => firstIds.has(r.sf__Id)), 'second upsert: the same records');

  // 4. A row without the required Name fails alone.
  const mixed = await load(conn, {
    object: 'Account', operation: 'insert',
    input: [{ Name: 'jsforce ok', External_Id__c: 'jsf-ok' }, { External_Id__c: 'jsf-noname', Name: '#N/A' }],
  });
  check(mixed.successfulResults.length === 1, `insert with a bad row: ${mixed.successfulResults.length} successful of 2`);
  check(mixed.failedResults.length === 1 && String(mixed.failedResults[0].sf__Error).startsWith('REQUIRED_FIELD_MISSING'),
    `insert with a bad row: failure ${mixed.failedResults.map((r) => r.sf__Error).join('; ')}`);

  // 5. Read back the record whose name has a comma, quotes and a newline.
  const queried = await conn.query("SELECT Id, Name FROM Account WHERE External_Id__c = 'jsf-3'");
  check(queried.totalSize === 1 && queried.records[0].Name === tricky, 'query returns the tricky name byte for byte');

  // 6. OAuth: a connection whose access token is already dead refreshes with the refresh token and carries on.
  const oauth = new jsforce.Connection({
    oauth2: { loginUrl: base, clientId: 'emulator-client', clientSecret: 'emulator-secret' },
    instanceUrl: base, accessToken: '00D000000000001!stale', refreshToken: 'emulator-refresh-token', version: '60.0',
  });
  let refreshes = 0;
  oauth.on('refresh', () => { refreshes++; });
  const viaOAuth = await load(oauth, { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: accounts.slice(0, 3) });
  check(refreshes >= 1, `stale token: jsforce refreshed ${refreshes} time(s)`);
  check(viaOAuth.successfulResults.length === 3, `stale token: ${viaOAuth.successfulResults.length} of 3 rows loaded`);

  // 7. The session expires mid-job (after 2 requests of it): jsforce refreshes and the job completes.
  await admin('faults', { faults: [{ kind: 'sessionExpiry', afterRequests: 2, times: 1 }] });
  refreshes = 0;
  const midJob = await load(oauth, { object: 'Account', operation: 'upsert', externalIdFieldName: 'External_Id__c', input: accounts });
  check(refreshes >= 1, `expiry mid-job: jsforce refreshed ${refreshes} time(s)`);
  check(midJob.successfulResults.length === 10, `expiry mid-job: ${midJob.successfulResults.length} of 10 rows loaded`);
  await admin('faults', undefined, 'DELETE');
}

finish(main, 'jsforce');
