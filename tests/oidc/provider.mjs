// A real OpenID Connect provider (the certified `oidc-provider`) for Reglament's SSO tests.
// Configured by environment: PORT, REDIRECT_URI, CLIENT_SECRET, JWKS (private signing keys, so the
// tests can also forge tokens signed as this provider), ACCOUNTS ({login: claims}).
// The interaction (login + consent screens) is finished at once for the `login_hint` account:
// the tests exercise the relying party, not this provider's screens.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const accounts = JSON.parse(process.env.ACCOUNTS);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'reglament',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: JSON.parse(process.env.JWKS),
  pkce: { required: () => true },
  conformIdTokenClaims: false, // e-mail in the ID token itself
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (ctx, id) => (accounts[id]
    ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) }
    : undefined),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['reglament-test-only'] },
});

provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const accountId = details.params.login_hint;
  if (!accounts[accountId]) {
    ctx.status = 400;
    ctx.body = 'unknown login_hint';
    return undefined;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false });
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
