// jsforce's sObject calls against the emulator, unmodified: single-record create and retrieve (/sobjects), then
// create, update, upsert, retrieve and destroy with arrays, which jsforce sends through sObject Collections
// (/composite/sobjects) from API 42.0 (upsert from 46.0); a failing record, allOrNone, the 200-record limit, and the
// limits it reads: limits() and the Sforce-Limit-Info header (conn.limitInfo), after POST /__emulator/limits.
// Usage: node jsforce-collections.cjs BASE_URL   (jsforce found through NODE_PATH; an empty org expected)
'use strict';
const jsforce = require('jsforce');

const { base, check, freshToken, finish } = require('./script-run.cjs').start('jsforce-collections.cjs', 'jsforce');

const codes = (result) => (result.errors || []).map((e) => e.statusCode).join(',');

async function main() {
  const conn = new jsforce.Connection({ instanceUrl: base, accessToken: await freshToken(), version: '60.0' });
  const accounts = conn.sobject('Account');

  // 1. One record: POST /sobjects/Account, then GET /sobjects/Account/{id}.
  const single = await accounts.create({ Name: 'Single', Phone: '555-0100' });
  check(single.success === true && /^001[0-9A-Za-z]{15}$/.test(single.id), `create one: ${JSON.stringify(single)}`);
  const fetched = await accounts.retrieve(single.id);
  check(fetched.Id === single.id && fetched.Name === 'Single' && fetched.Phone === '555-0100', `retrieve one: ${fetched.Name} ${fetched.Phone}`);

  // 2. An array: one POST /composite/sobjects, results in order, the record without Name failing alone.
  const created = await accounts.create([
    { Name: 'Coll 1', External_Id__c: 'c-1' },
    { Phone: 'no name' },
    { Name: 'Coll 3', External_Id__c: 'c-3' },
  ]);
  check(created.length === 3 && created[0].success && created[2].success, `create array: ${created.map((r) => r.success).join(',')}`);
  check(created[1].success === false && codes(created[1]) === 'REQUIRED_FIELD_MISSING', `create array: record 2 fails ${codes(created[1])}`);

  // 3. allOrNone: the failure undoes the good record, which answers ALL_OR_NONE_OPERATION_ROLLED_BACK.
  const atomic = await accounts.create([{ Name: 'Rolled back' }, { Phone: 'no name' }], { allOrNone: true });
  check(codes(atomic[0]) === 'ALL_OR_NONE_OPERATION_ROLLED_BACK' && codes(atomic[1]) === 'REQUIRED_FIELD_MISSING',
    `create allOrNone: ${codes(atomic[0])} / ${codes(atomic[1])}`);
  const rolledBack = await conn.query("SELECT Id FROM Account WHERE Name = 'Rolled back'");
  check(rolledBack.totalSize === 0, `create allOrNone: ${rolledBack.totalSize} rolled-back records stored`);

  // 4. update with an array: PATCH /composite/sobjects.
  const updated = await accounts.update([{ Id: created[0].id, Phone: '555-0001' }, { Id: created[2].id, Phone: '555-0003' }]);
  check(updated.every((r) => r.success), `update array: ${updated.map((r) => r.success).join(',')}`);

  // 5. upsert with an array: PATCH /composite/sobjects/Account/External_Id__c, created per record.
  const upserted = await accounts.upsert([
    { External_Id__c: 'c-1', Name: 'Coll 1 renamed' },
    { External_Id__c: 'c-4', Name: 'Coll 4' },
  ], 'External_Id__c');
  check(upserted[0].success && upserted[0].created === false && upserted[1].success && upserted[1].created === true,
    `upsert array: created ${upserted.map((r) => r.created).join(',')}`);

  // 6. retrieve with an array: POST /composite/sobjects/Account {ids, fields}.
  const many = await accounts.retrieve([created[0].id, created[2].id], { fields: ['Name', 'Phone'] });
  check(many.length === 2 && many[0].Name === 'Coll 1 renamed' && many[0].Phone === '555-0001' && many[1].Phone === '555-0003',
    `retrieve array: ${many.map((r) => `${r.Name}/${r.Phone}`).join(', ')}`);

  // 7. destroy with an array: DELETE /composite/sobjects?ids=…; the second delete of the same id fails.
  const destroyed = await accounts.destroy([created[0].id, created[2].id, upserted[1].id]);
  check(destroyed.every((r) => r.success), `destroy array: ${destroyed.map((r) => r.success).join(',')}`);
  const again = await accounts.destroy([created[0].id, single.id]);
  check(codes(again[0]) === 'ENTITY_IS_DELETED' && again[1].success, `destroy again: ${codes(again[0])}, then ${again[1].success}`);

  // 8. The 200-record limit: 201 records are refused whole; with allowRecursive jsforce splits them into 200 + 1.
  const tooMany = Array.from({ length: 201 }, (_, i) => ({ Name: `Bulk ${i + 1}` }));
  let refusal;
  try {
    await accounts.create(tooMany);
  } catch (error) {
    refusal = error;
  }
  check(refusal && refusal.errorCode === 'EXCEEDED_ID_LIMIT', `create 201: ${refusal ? `${refusal.errorCode}: ${refusal.message}` : 'no error'}`);
  const split = await accounts.create(tooMany, { allowRecursive: true });
  check(split.length === 201 && split.every((r) => r.success), `create 201 with allowRecursive: ${split.filter((r) => r.success).length} created`);

  // 9. Limits: set at run time, read by limits() and by the header jsforce parses into conn.limitInfo.
  await fetch(`${base}/__emulator/limits`, { method: 'POST', body: JSON.stringify({ DailyApiRequests: { Max: 1000, Remaining: 3 } }) });
  const limits = await conn.limits();
  check(limits.DailyApiRequests.Max === 1000 && limits.DailyApiRequests.Remaining === 2, `limits(): DailyApiRequests ${JSON.stringify(limits.DailyApiRequests).slice(0, 40)}…`);
  check(conn.limitInfo.apiUsage && conn.limitInfo.apiUsage.used === 998 && conn.limitInfo.apiUsage.limit === 1000,
    `limitInfo: ${JSON.stringify(conn.limitInfo)}`);
  await accounts.create([{ Name: 'Last call 1' }]);
  await accounts.create([{ Name: 'Last call 2' }]);
  let exhausted;
  try {
    await accounts.create([{ Name: 'One too many' }]);
  } catch (error) {
    exhausted = error;
  }
  check(exhausted && exhausted.errorCode === 'REQUEST_LIMIT_EXCEEDED' && exhausted.message === 'TotalRequests Limit exceeded.',
    `allowance spent: ${exhausted ? `${exhausted.errorCode}: ${exhausted.message}` : 'no error'}`);
}

finish(main, 'jsforce collections');
