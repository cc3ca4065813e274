// A real OpenID Connect provider on the loopback address, for the sign-in tests (issue 26).
//
// It is the npm `oidc-provider` package (a certified OpenID Provider), started with test
// accounts and clients read from a JSON file, so the tests go through real redirects, a real
// token exchange and ID tokens signed with keys published at its JWKS endpoint.
//
//   node scripts/test-oidc-provider.mjs config.json
//
// config.json: {"clients": [oidc-provider client metadata...],
//               "accounts": {"<login name>": {"claims": {...}, "amr": [...], "acr": "..."}}}
// It listens on 127.0.0.1 on a free port and prints one line "READY <issuer>" when it is up.
// POST /test/disable?account=<login name> makes the provider refuse that account from then on
// (its refresh tokens stop working), as a leaver disabled at the council's provider.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { URL } from 'node:url';

import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const disabled = new Set();

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Plain, accessible pages (the tests run axe-core on every page a journey visits).
function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function readForm(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
  });
}

const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const jwk = { ...signingKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients,
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    claims: { auth_time: null, sid: null, iss: null, openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Do you want to sign out of the test provider?', `${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        postLogoutSuccessSource: async (ctx) => { ctx.body = page('You have signed out', ''); },
      },
    },
    // Refresh tokens for every client allowed the grant: OpenSEND re-checks staff with them.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: async (_ctx, id) => {
      const account = config.accounts[id];
      if (!account || disabled.has(id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: account.claims.sub || id, ...account.claims }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { IdToken: 600, AccessToken: 600, RefreshToken: 86400, Session: 86400, Grant: 86400, Interaction: 600 },
  });
  provider.on('server_error', (_ctx, error) => console.error('server_error', error));
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const url = new URL(req.url, issuer);
    try {
      if (url.pathname === '/test/disable' && req.method === 'POST') {
        disabled.add(url.searchParams.get('account'));
        res.writeHead(204).end();
        return;
      }
      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('Sign in to the test provider', `<form method="post" action="/interaction/${escape(details.uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Continue</button></form>`));
          return;
        }
        const form = await readForm(req);
        const login = form.get('login');
        const account = config.accounts[login];
        if (!account || disabled.has(login)) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('The test provider does not know this account', '<p>Check the username.</p>'));
          return;
        }
        // Consent is given at once: a council's staff do not consent to their employer's service.
        const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
        grant.addOIDCScope(details.params.scope);
        const grantId = await grant.save();
        const result = { login: { accountId: login, amr: account.amr, acr: account.acr }, consent: { grantId } };
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    } catch (error) {
      console.error(error);
      res.writeHead(500).end('error');
    }
  });
  console.log(`READY ${issuer}`);
});
