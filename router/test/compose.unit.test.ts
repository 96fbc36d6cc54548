import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeSupergraph } from '../src/compose';
import { FEDERATION_LINK, tempDir } from './helpers';

const REPO_ROOT = path.join(__dirname, '..', '..');

describe('composeSupergraph', () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;

  beforeEach(async () => {
    temp = await tempDir();
  });

  afterEach(async () => {
    await temp.remove();
  });

  /** Writes each SDL and a supergraph.yaml listing them; returns the yaml's path. */
  async function writeConfig(subgraphs: Record<string, string | null>): Promise<string> {
    const lines = ['federation_version: =2.7.0', 'subgraphs:'];
    for (const [name, sdl] of Object.entries(subgraphs)) {
      if (sdl !== null) await writeFile(path.join(temp.dir, `${name}.graphql`), sdl);
      lines.push(
        `  ${name}:`,
        `    routing_url: http://127.0.0.1:4999/graphql`,
        `    schema:`,
        `      file: ./${name}.graphql`,
      );
    }
    const yamlPath = path.join(temp.dir, 'supergraph.yaml');
    await writeFile(yamlPath, lines.join('\n'));
    return yamlPath;
  }

  it('composes supergraph.yaml into exactly the committed supergraph.graphql', async () => {
    const result = await composeSupergraph(path.join(REPO_ROOT, 'supergraph.yaml'));
    const committed = await readFile(path.join(REPO_ROOT, 'supergraph.graphql'), 'utf8').catch(() => 'missing');

    // On failure the diff shows the composition errors, or that `npm run compose` needs running.
    expect(result).toEqual({ ok: true, supergraphSdl: committed });
  });

  it('names the subgraph, file and position of a schema that does not parse', async () => {
    const configPath = await writeConfig({
      good: `${FEDERATION_LINK}\ntype Query { hello: String }`,
      broken: `${FEDERATION_LINK}\ntype Query {\n  hello String\n}`,
    });

    const result = await composeSupergraph(configPath);

    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\[broken\] GRAPHQL_PARSE_FAILED: .*broken\.graphql:3:9: Syntax Error/)],
    });
  });

  it('reports composition errors with their code and the subgraphs involved', async () => {
    const configPath = await writeConfig({
      left: `${FEDERATION_LINK}\ntype Query { left: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }`,
      right: `${FEDERATION_LINK}\ntype Query { right: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }`,
    });

    const result = await composeSupergraph(configPath);

    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContainEqual(expect.stringMatching(/^INVALID_FIELD_SHARING: .*"Thing\.size".*"left" and "right"/));
  });

  it('reports a schema file that does not exist', async () => {
    const configPath = await writeConfig({ ghost: null });

    const result = await composeSupergraph(configPath);

    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\[ghost\] SCHEMA_FILE_UNREADABLE: .*ghost\.graphql: file not found$/)],
    });
  });
});
