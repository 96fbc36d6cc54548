import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTrustedDocuments } from '../src/trusted-documents';
import { trustedDocumentsManifest } from '../src/trusted-documents-manifest';
import { readmeOperations } from './documented-operations';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the trusted documents manifest', () => {
  it('lists each operation of a document on its own, as written, with the fragments it may use', () => {
    const text = `query A { a }\n\n# between\nmutation { b { ...F } }\nfragment F on B { c }\n`;

    expect(trustedDocumentsManifest([text, text, 'not { graphql'])).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        {
          id: sha256('query A { a }\n\nfragment F on B { c }'),
          name: 'A',
          type: 'query',
          body: 'query A { a }\n\nfragment F on B { c }',
        },
        {
          id: sha256('mutation { b { ...F } }\n\nfragment F on B { c }'),
          name: 'anonymous',
          type: 'mutation',
          body: 'mutation { b { ...F } }\n\nfragment F on B { c }',
        },
      ],
    });
  });

  it('trusts every operation of the README, in a file the router reads back', () => {
    const readme = readmeOperations();
    const manifest = trustedDocumentsManifest(readme.map((known) => known.text));
    const folder = mkdtempSync(path.join(tmpdir(), 'agora-trusted-'));
    try {
      const file = path.join(folder, 'trusted.json');
      writeFileSync(file, JSON.stringify(manifest));

      const trusted = readTrustedDocuments(file);
      expect(trusted.size).toBe(readme.length);
      expect([...trusted.values()].some((body) => body.startsWith('query Storefront'))).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
