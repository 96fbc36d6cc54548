import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningSubgraph } from '@agora/subgraph-kit';
import type { Router } from '../src/app';
import { readTrustedDocuments } from '../src/trusted-documents';
import { composeInto, FEDERATION_LINK, post, startRouter, startTinySubgraph, tempDir } from './helpers';

const greetingSdl = `${FEDERATION_LINK}
type Query { greeting: String! farewell: String! }
`;

const GREETING = 'query Greeting { greeting }';
const FAREWELL = 'query Farewell { farewell }';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const manifest = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [{ id: sha256(GREETING), name: 'Greeting', type: 'query', body: GREETING }],
};

/** POSTs only the persisted query id, as a client of a persisted-operation list does. */
function postId(url: string, id: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
  });
}

/** agora_router_untrusted_operations_total{action} as the router's /metrics reports it (throws when absent). */
async function untrustedCount(router: Router & { url: string }, action: 'refused' | 'served'): Promise<number> {
  const text = await (await fetch(router.url.replace('/graphql', '/metrics'))).text();
  const found = new RegExp(
    `^agora_router_untrusted_operations_total\\{[^}]*action="${action}"[^}]*\\} (\\d+)$`,
    'm',
  ).exec(text);
  if (!found?.[1]) throw new Error(`no agora_router_untrusted_operations_total{action="${action}"} in /metrics`);
  return Number(found[1]);
}

describe('trusted documents', () => {
  let subgraph: RunningSubgraph;
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let manifestPath: string;
  let enforce: Router & { url: string };
  let audit: Router & { url: string };

  beforeAll(async () => {
    subgraph = await startTinySubgraph('greeting', {
      sdl: greetingSdl,
      resolvers: { Query: { greeting: () => 'hi', farewell: () => 'bye' } },
    });
    temp = await tempDir();
    const supergraphPath = path.join(temp.dir, 'supergraph.graphql');
    await writeFile(
      supergraphPath,
      await composeInto(temp.dir, [{ name: 'greeting', url: subgraph.url, sdl: greetingSdl }]),
    );
    manifestPath = path.join(temp.dir, 'trusted.json');
    await writeFile(manifestPath, JSON.stringify(manifest));
    enforce = await startRouter(supergraphPath, { TRUSTED_DOCUMENTS: manifestPath });
    audit = await startRouter(supergraphPath, { TRUSTED_DOCUMENTS: manifestPath, TRUSTED_DOCUMENTS_MODE: 'audit' });
  });

  afterAll(async () => {
    await enforce?.stop();
    await audit?.stop();
    await subgraph?.stop();
    await temp?.remove();
  });

  it('runs a listed operation sent by its id alone, by POST and by GET', async () => {
    const id = sha256(GREETING);
    const byPost = await postId(enforce.url, id);
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id } }));
    const byGet = await fetch(`${enforce.url}?extensions=${extensions}`, {
      headers: { 'content-type': 'application/json' },
    });

    expect(await byPost.json()).toEqual({ data: { greeting: 'hi' } });
    expect(await byGet.json()).toEqual({ data: { greeting: 'hi' } });
  });

  it('runs a listed operation sent by its text', async () => {
    expect((await post(enforce.url, GREETING)).body).toEqual({ data: { greeting: 'hi' } });
  });

  it('refuses an operation not in the list, by text or by id, with 400 PERSISTED_QUERY_NOT_IN_LIST, and counts it', async () => {
    const before = await untrustedCount(enforce, 'refused');
    const byText = await post(enforce.url, FAREWELL);
    // Differs from the listed text by one space: the list holds exact texts.
    const respaced = await post(enforce.url, `${GREETING} `);
    const byId = await postId(enforce.url, sha256(FAREWELL));

    for (const response of [byText, respaced]) {
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
    expect(byText.body.errors?.[0]).toEqual({
      message: `This router runs only trusted operations, and the operation ${sha256(FAREWELL)} is not in its list.`,
      extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', id: sha256(FAREWELL) },
    });
    expect(byId.status).toBe(400);
    expect(await byId.json()).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] });
    expect(await untrustedCount(enforce, 'refused')).toBe(before + 3);
  });

  it('in audit mode runs an operation not in the list and counts it as served', async () => {
    const before = await untrustedCount(audit, 'served');

    expect((await post(audit.url, FAREWELL)).body).toEqual({ data: { farewell: 'bye' } });
    expect((await post(audit.url, GREETING)).body).toEqual({ data: { greeting: 'hi' } });
    expect(await untrustedCount(audit, 'served')).toBe(before + 1);
    expect(await untrustedCount(audit, 'refused')).toBe(0);
  });

  it('refuses to start on a manifest whose id is not the SHA-256 of its body, naming the operation', async () => {
    const bad = path.join(temp.dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...manifest, operations: [{ ...manifest.operations[0], id: sha256('x') }] }));

    expect(() => readTrustedDocuments(bad)).toThrow(
      `TRUSTED_DOCUMENTS: ${bad}: the id of Greeting is not the SHA-256 of its body`,
    );
    expect(() => readTrustedDocuments(path.join(temp.dir, 'missing.json'))).toThrow(/TRUSTED_DOCUMENTS: cannot read/);
  });
});
