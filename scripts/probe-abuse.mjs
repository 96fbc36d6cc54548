// `npm run probes`: the abuse and trust probes of issue 10, rerun against a running Agora
// (`npm start` in another terminal, default settings: the rate limit on). Prints what each
// probe got and how long it took; asserts nothing (the tests do). Each run signs up two
// fresh accounts (sign-ups are limited to 20 per address per hour).
//   ROUTER_URL=http://localhost:4000/graphql INVENTORY_URL=http://localhost:4003/graphql npm run probes
import { randomUUID } from 'node:crypto';

const router = process.env.ROUTER_URL ?? 'http://localhost:4000/graphql';
const inventory = process.env.INVENTORY_URL ?? 'http://localhost:4003/graphql';
const PASSWORD = 'a long enough password';

async function post(url, query, variables = {}, headers = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: response.status, body, bytes: text.length, ms: performance.now() - started };
}

const codeOf = (answer) => answer.body.errors?.[0]?.extensions?.code ?? (answer.body.data ? 'data' : 'none');
const ms = (value) => `${value.toFixed(1)} ms`;

function tally(answers) {
  const counts = {};
  for (const answer of answers) {
    const key = `${answer.status} ${codeOf(answer)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return JSON.stringify(counts);
}

async function signUp() {
  const email = `probe-${randomUUID()}@example.com`;
  const answer = await post(
    router,
    'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken } }',
    { input: { email, password: PASSWORD, name: 'Probe' } },
  );
  if (!answer.body.data) throw new Error(`sign-up failed: ${JSON.stringify(answer.body.errors)}`);
  return { email, ...answer.body.data.signUp };
}

const logIn = (email, password) =>
  post(router, 'mutation ($input: LogInInput!) { logIn(input: $input) { accessToken } }', {
    input: { email, password },
  });

// 1. One anonymous query 30 levels deep with `first: 5` at each level (was 6.5 s, 14.5 MB).
const levels = 30 - 4;
const deep = `{ search(query: "a", first: 5) { edges { node { ${'recommendations(first: 5) { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;
const deepAnswer = await post(router, deep);
console.log(
  `deep query (30 levels, first: 5)   ${deepAnswer.status} ${codeOf(deepAnswer)}  ${ms(deepAnswer.ms)}  ${deepAnswer.bytes} bytes`,
);

// 2. 1,000 aliases of `search` (was 4.6 s, 2,000 database transactions).
const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `s${i}: search(query: "a") { edges { node { id name } } }`).join(' ')} }`;
const aliasAnswer = await post(router, aliases);
console.log(`1,000 aliases of search            ${aliasAnswer.status} ${codeOf(aliasAnswer)}  ${ms(aliasAnswer.ms)}`);

// 3. 50 wrong passwords for one account at once, then the right one (was: all ~19 ms, no lock-out).
const target = await signUp();
const wrong = await Promise.all(Array.from({ length: 50 }, () => logIn(target.email, 'not the password')));
const right = await logIn(target.email, PASSWORD);
const wrongMs = wrong.map((answer) => answer.ms).sort((a, b) => a - b);
console.log(`50 wrong passwords at once         ${tally(wrong)}  p50 ${ms(wrongMs[25])}`);
console.log(
  `then the right password             ${right.status} ${codeOf(right)}` +
    ` retryAfterSeconds=${right.body.errors?.[0]?.extensions?.retryAfterSeconds ?? '-'}`,
);

// 4. An access token after logOut (was: served for its whole 15 minutes).
const session = await signUp();
const bearer = { authorization: `Bearer ${session.accessToken}` };
const before = await post(router, '{ me { id } }', {}, bearer);
await post(router, 'mutation ($token: String!) { logOut(refreshToken: $token) }', { token: session.refreshToken });
const loggedOut = performance.now();
let after = await post(router, '{ me { id } }', {}, bearer);
while (after.status === 200 && performance.now() - loggedOut < 30_000) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  after = await post(router, '{ me { id } }', {}, bearer);
}
console.log(
  `access token before / after logOut  ${before.status} ${codeOf(before)} / ${after.status} ${codeOf(after)}` +
    ` refused ${ms(performance.now() - loggedOut)} after logOut`,
);

// 5. A subgraph reached directly, bypassing the router (was: answered anyone with the shared secret's identity).
const direct = await post(inventory, '{ __typename }');
const forged = await post(inventory, '{ __typename }', {}, { 'x-agora-identity': 'eyJhbGciOiJIUzI1NiJ9.e30.forged' });
const live = await fetch(inventory.replace('/graphql', '/live'));
console.log(
  `inventory directly: no identity ${direct.status} ${codeOf(direct)}, forged ${forged.status} ${codeOf(forged)}, /live ${live.status}`,
);

// 6. 300 requests from one client, 20 at a time (was: all 300 served). A fresh signed-in
// client, so the probes above do not count against it.
const client = await signUp();
const burst = [];
let next = 0;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (next++ < 300)
      burst.push(await post(router, '{ me { id } }', {}, { authorization: `Bearer ${client.accessToken}` }));
  }),
);
const refusedOne = burst.find((answer) => answer.status === 429);
console.log(
  `300 requests, 20 at a time         ${tally(burst)}` +
    (refusedOne ? ` retryAfterSeconds=${refusedOne.body.errors?.[0]?.extensions?.retryAfterSeconds}` : ''),
);
