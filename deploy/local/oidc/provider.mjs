// The local platform's OpenID Provider: npm `oidc-provider` (an OpenID Certified implementation) on loopback, with
// users whose claims are shaped like those of Cozystack's Keycloak (realm `cozy`): `groups` lists full-path group
// names such as `/tenant-demo-use`, `preferred_username`, `email`, `email_verified`, `name`.
//
// Settings (environment, set by deploy/local/lib/oidc.sh):
//   OIDC_PORT            port on 127.0.0.1; the issuer is http://127.0.0.1:OIDC_PORT
//   OIDC_CLIENT_ID       the portal's client (confidential, code + PKCE; any loopback port may be its redirect)
//   OIDC_CLIENT_SECRET
//   OIDC_COOKIE_KEY      signs the provider's own cookies
// The state directory (first argument, else OIDC_STATE_DIR) holds jwks.json (the signing key, made once) and
// users/NAME.json, one file per user.
//
// A user file: {"password": "...", "email": "...", "email_verified": true, "name": "...", "groups": ["/tenant-x-use"]}.
// Files are read at every sign-in, so tests add users or change their groups by writing files; no restart.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.mjs: ${name} is not set`);
    process.exit(2);
  }
  return value;
};
const port = Number(env('OIDC_PORT'));
const stateDir = process.argv[2] ?? env('OIDC_STATE_DIR');
const usersDir = join(stateDir, 'users');
const issuer = `http://127.0.0.1:${port}`;
const scopes = ['openid', 'profile', 'email', 'groups'];

function signingKeys() {
  const file = join(stateDir, 'jwks.json');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `local-${Date.now()}`, use: 'sig', alg: 'RS256' };
    writeFileSync(file, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

function readUser(name) {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name ?? '')) return undefined;
  const file = join(usersDir, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>
body{font-family:system-ui,sans-serif;background:#eef1f5;margin:0;padding:3rem 1rem;color:#1d2430}
main{max-width:22rem;margin:auto;background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 3px #0003}
h1{font-size:1.25rem;margin-top:0}label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.45rem;box-sizing:border-box}
button{margin-top:1rem;width:100%;padding:.55rem;background:#2457c5;color:#fff;border:0;border-radius:4px;font-size:1rem;cursor:pointer}
button.secondary{background:#fff;color:#2457c5;border:1px solid #2457c5}.error{color:#a30d0d}.note{font-size:.85rem;color:#555}
</style></head><body><main>${body}</main></body></html>`;

const loginPage = (uid, error) => page('Sign in · Local SSO', `<h1>Local SSO</h1>
<p class="note">The local platform's identity provider (stands in for Keycloak).</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`);

const provider = new Provider(issuer, {
  clients: [{
    client_id: env('OIDC_CLIENT_ID'),
    client_secret: env('OIDC_CLIENT_SECRET'),
    // native: a loopback redirect may use any port (RFC 8252), so portals on any local port can use this client.
    application_type: 'native',
    redirect_uris: ['http://127.0.0.1/signin-oidc', 'http://localhost/signin-oidc'],
    post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc', 'http://localhost/signout-callback-oidc'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: signingKeys(),
  cookies: { keys: [env('OIDC_COOKIE_KEY')] },
  scopes,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  // Like Keycloak: the claims of the granted scopes are in the id_token too (and at userinfo).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Sign out · Local SSO', `<h1>Sign out of Local SSO?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = page('Signed out · Local SSO', '<h1>You are signed out of Local SSO.</h1>');
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // The portal is a first-party client: no consent screen, every scope it asks for is granted.
  loadExistingGrant: async (ctx) => {
    const { client, session } = ctx.oidc;
    const id = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (id && await ctx.oidc.provider.Grant.find(id))
      || new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(scopes.join(' '));
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, id) => {
    const user = readUser(id);
    if (!user) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        preferred_username: id,
        name: user.name,
        email: user.email,
        email_verified: user.email_verified !== false,
        groups: user.groups ?? [],
      }),
    };
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Error · Local SSO', `<h1>Local SSO cannot go on</h1><p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
});

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; if (body.length > 10_000) req.destroy(); });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const send = (res, status, html) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

const providerCallback = provider.callback();
const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) {
    providerCallback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // oidc-provider asks native clients for consent at every sign-in: granted here without a screen.
      const grant = (details.grantId && await provider.Grant.find(details.grantId))
        || new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'GET') {
      send(res, 200, loginPage(details.uid));
      return;
    }
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim().toLowerCase();
    const user = readUser(username);
    if (!user || user.password !== form.get('password')) {
      console.log(`login failed for '${username}'`);
      send(res, 200, loginPage(details.uid, 'Wrong username or password.'));
      return;
    }
    console.log(`login ${username}`);
    await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  } catch (err) {
    console.error(`interaction failed: ${err.name}: ${err.message}`);
    send(res, 400, page('Error · Local SSO', '<h1>This sign-in has expired</h1><p>Start again from the application.</p>'));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
