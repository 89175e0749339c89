// What every jsforce script here shares: the emulator's base URL from the command line, the tally of its checks,
// a fresh access token from the emulator's default connected app, and the exit code its result sets.
'use strict';

// Reads BASE_URL (argv[2]) or exits 2 with the script's usage; `label` prefixes each check line.
function start(script, label) {
  const base = process.argv[2];
  if (!base) {
    console.error(`usage: node ${script} BASE_URL`);
    process.exit(2);
  }

  let failures = 0;
  function check(condition, what) {
    console.log(`${condition ? 'ok  ' : 'FAIL'} ${label}: ${what}`);
    if (!condition) failures++;
  }

  // An access token through the refresh-token grant of the emulator's built-in client.
  async function freshToken() {
    const response = await fetch(`${base}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token', client_id: 'emulator-client', client_secret: 'emulator-secret', refresh_token: 'emulator-refresh-token',
      }),
    });
    if (!response.ok) throw new Error(`token: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()).access_token;
  }

  // Runs main and exits: 0 when every check passed, 1 when one failed or main threw; `summary` names the script's run.
  function finish(main, summary) {
    main().then(
      () => {
        console.log(failures === 0 ? `${summary}: all checks passed` : `${summary}: ${failures} check(s) failed`);
        process.exit(failures === 0 ? 0 : 1);
      },
      (error) => {
        console.error(`FAIL ${label}: ${error && error.stack ? error.stack : error}`);
        process.exit(1);
      },
    );
  }

  return { base, check, freshToken, finish };
}

module.exports = { start };
