// jsforce's REST calls against the emulator, unmodified: identity() (the version's resource map, then the identity
// URL), a query with autoFetch over 5,001 rows (three pages through nextRecordsUrl) and logout() (OAuth revoke).
// Usage: node jsforce-rest.cjs BASE_URL   (jsforce found through NODE_PATH; an empty org expected)
'use strict';
const jsforce = require('jsforce');

const { base, check, freshToken, finish } = require('./script-run.cjs').start('jsforce-rest.cjs', 'jsforce');

async function statusWith(token) {
  const response = await fetch(`${base}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${token}` } });
  return response.status;
}

const ROWS = 5001;

async function main() {
  // 1. identity() on a connection that knows only its token: it reads the identity URL from GET /services/data/v60.0.
  const conn = new jsforce.Connection({ instanceUrl: base, accessToken: await freshToken(), version: '60.0' });
  const identity = await conn.identity();
  check(identity.user_id === '005000000000001AAA' && identity.organization_id === '00D000000000001EAA',
    `identity(): user ${identity.user_id} of org ${identity.organization_id}`);
  check(identity.username === 'admin@emulator.local' && identity.display_name === 'Emulator Admin',
    `identity(): username ${identity.username}, display_name ${identity.display_name}`);
  check(identity.id === `${base}/id/00D000000000001EAA/005000000000001AAA`, `identity(): id ${identity.id}`);

  // 2. 5,001 accounts through Bulk API 2.0, then a query with autoFetch that pages through all of them.
  const rows = Array.from({ length: ROWS }, (_, i) => ({ Name: `Paged ${i + 1}`, External_Id__c: `pg-${i + 1}` }));
  const loaded = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: rows, pollInterval: 200, pollTimeout: 120000 });
  check(loaded.successfulResults.length === ROWS, `bulk2 insert: ${loaded.successfulResults.length} of ${ROWS} rows`);

  let fetches = 0;
  const query = conn.query('SELECT Id, Name FROM Account', { autoFetch: true, maxFetch: 10000 });
  query.on('fetch', () => { fetches++; });
  const result = await query;
  const ids = new Set(result.records.map((r) => r.Id));
  check(result.totalSize === ROWS && result.records.length === ROWS && result.done === true,
    `query autoFetch: totalSize ${result.totalSize}, ${result.records.length} records, done ${result.done}`);
  check(ids.size === ROWS, `query autoFetch: ${ids.size} distinct ids`);
  check(fetches === 3, `query autoFetch: ${fetches} fetches (2,000 + 2,000 + 1,001)`);

  // 3. logout() on an OAuth connection revokes its access token; the token then answers 401.
  const token = await freshToken();
  const oauth = new jsforce.Connection({
    oauth2: { loginUrl: base, clientId: 'emulator-client', clientSecret: 'emulator-secret' },
    instanceUrl: base, accessToken: token, version: '60.0',
  });
  check(await statusWith(token) === 200, 'before logout(): the token works');
  await oauth.logout();
  check(oauth.accessToken === null, 'logout(): the connection dropped its session');
  check(await statusWith(token) === 401, 'after logout(): the revoked token answers 401');
}

finish(main, 'jsforce REST');
