import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** rover's supergraph config format, the part we use. */
const supergraphConfigSchema = z.object({
  federation_version: z.string().optional(),
  subgraphs: z.record(
    z.string(),
    z.object({
      routing_url: z.url(),
      schema: z.object({ file: z.string().min(1) }),
    }),
  ),
});

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

interface LoadedSubgraph {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Errors from node:fs are not always `instanceof Error` (other realms, e.g. jest), so read them structurally. */
function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    if ('code' in error && error.code === 'ENOENT') return 'file not found';
    if ('message' in error && typeof error.message === 'string') return error.message;
  }
  return String(error);
}

async function readConfig(configPath: string): Promise<z.infer<typeof supergraphConfigSchema>> {
  const parsed = supergraphConfigSchema.safeParse(parseYaml(await readFile(configPath, 'utf8')));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`${configPath} is not a valid supergraph config: ${issues.join('; ')}`);
}

/** Reads and parses one subgraph's SDL; a missing file or a syntax error becomes a readable message. */
async function loadSubgraph(name: string, url: string, file: string): Promise<LoadedSubgraph | string> {
  let sdl: string;
  try {
    sdl = await readFile(file, 'utf8');
  } catch (error) {
    return `[${name}] SCHEMA_FILE_UNREADABLE: ${file}: ${describe(error)}`;
  }
  try {
    return { name, url, typeDefs: parse(sdl) };
  } catch (error) {
    const location = error instanceof GraphQLError && error.locations?.[0];
    const where = location ? `${file}:${location.line}:${location.column}` : file;
    return `[${name}] GRAPHQL_PARSE_FAILED: ${where}: ${describe(error)}`;
  }
}

/** Composition messages usually name the subgraph already; prefix the code so each line is self-contained. */
function formatCompositionError(error: GraphQLError): string {
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR';
  return `${code}: ${error.message}`;
}

/**
 * Composes the subgraphs a rover-style `supergraph.yaml` lists into a supergraph SDL.
 * Schema paths are relative to the yaml's folder.
 */
export async function composeSupergraph(configPath: string): Promise<ComposeResult> {
  let config: z.infer<typeof supergraphConfigSchema>;
  try {
    config = await readConfig(configPath);
  } catch (error) {
    return { ok: false, errors: [describe(error)] };
  }
  const baseDir = path.dirname(path.resolve(configPath));
  const loaded = await Promise.all(
    Object.entries(config.subgraphs).map(([name, subgraph]) =>
      loadSubgraph(name, subgraph.routing_url, path.resolve(baseDir, subgraph.schema.file)),
    ),
  );
  const loadErrors = loaded.filter((entry): entry is string => typeof entry === 'string');
  if (loadErrors.length > 0) return { ok: false, errors: loadErrors };
  if (loaded.length === 0) return { ok: false, errors: [`${configPath} lists no subgraphs`] };

  const result = composeServices(loaded as LoadedSubgraph[]);
  if (result.errors) return { ok: false, errors: result.errors.map(formatCompositionError) };
  // Ends with a newline so the committed file and a fresh composition compare equal.
  return { ok: true, supergraphSdl: result.supergraphSdl.replace(/\n*$/, '\n') };
}
