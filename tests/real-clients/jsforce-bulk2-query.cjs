// jsforce's Bulk API 2.0 query (conn.bulk2.query) against the emulator, unmodified: a query of live rows, the same
// with scanAll (queryAll: the recycle bin's rows too), a parent field (Account.Name), and a query the org refuses.
// Usage: node jsforce-bulk2-query.cjs BASE_URL   (jsforce found through NODE_PATH)
'use strict';
const jsforce = require('jsforce');

const { base, check, finish } = require('./script-run.cjs').start('jsforce-bulk2-query.cjs', 'jsforce bulk2.query');

// bulk2.query answers a record stream; collect its records.
async function records(conn, soql, options) {
  const stream = await conn.bulk2.query(soql, { pollInterval: 200, pollTimeout: 60000, ...options });
  return new Promise((resolve, reject) => {
    const rows = [];
    stream.on('record', (record) => rows.push(record));
    stream.on('error', reject);
    stream.on('end', () => resolve(rows));
  });
}

async function main() {
  const conn = new jsforce.Connection({ loginUrl: base, version: '60.0' });
  await conn.login('admin@emulator.local', 'passwordtoken');

  const tricky = 'Comma, "quoted"\nmultiline';
  const loaded = await conn.bulk2.loadAndWaitForResults({
    object: 'Account', operation: 'insert', pollInterval: 200, pollTimeout: 60000,
    input: [
      { External_Id__c: 'q-1', Name: 'Query One' },
      { External_Id__c: 'q-2', Name: tricky },
      { External_Id__c: 'q-3', Name: 'Query Three' },
    ],
  });
  check(loaded.successfulResults.length === 3, `3 Accounts loaded (${loaded.successfulResults.length})`);
  const ids = Object.fromEntries(loaded.successfulResults.map((r) => [r.External_Id__c, r.sf__Id]));
  await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'insert', pollInterval: 200, pollTimeout: 60000,
    input: [{ LastName: 'Child', External_Id__c: 'qc-1', AccountId: ids['q-2'] }],
  });
  await conn.sobject('Account').destroy(ids['q-3']); // to the recycle bin

  const live = await records(conn, "SELECT Id, External_Id__c, Name FROM Account WHERE External_Id__c IN ('q-1', 'q-2', 'q-3') ORDER BY External_Id__c");
  check(live.length === 2, `query: 2 live rows (${live.length})`);
  check(live.length === 2 && live[0].Id === ids['q-1'] && live[1].Name === tricky, 'query: ids and the tricky name byte for byte');

  const all = await records(conn, "SELECT External_Id__c, IsDeleted FROM Account WHERE External_Id__c IN ('q-1', 'q-2', 'q-3') ORDER BY External_Id__c",
    { scanAll: true });
  check(all.length === 3 && String(all[2].IsDeleted) === 'true' && String(all[0].IsDeleted) === 'false',
    `scanAll (queryAll): the deleted row too (${JSON.stringify(all)})`);

  const children = await records(conn, "SELECT External_Id__c, Account.Name, Account.External_Id__c FROM Contact WHERE Account.External_Id__c = 'q-2'");
  check(children.length === 1 && children[0]['Account.Name'] === tricky && children[0]['Account.External_Id__c'] === 'q-2',
    `a parent field as column Account.Name (${JSON.stringify(children)})`);

  let refusal;
  try {
    await records(conn, 'SELECT Nope__c FROM Account');
  } catch (error) {
    refusal = error;
  }
  check(refusal !== undefined && /No such column 'Nope__c'/.test(String(refusal.message)),
    `a bad field is refused at create (${refusal && refusal.name}: ${refusal && String(refusal.message).split('\n').filter(Boolean).pop()})`);
}

finish(main, 'jsforce bulk2.query');
