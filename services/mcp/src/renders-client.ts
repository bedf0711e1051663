/**
 * Rendered artifacts (thumbnails) are static files nginx serves under /renders/; the API only
 * knows their paths. Fetching only that prefix keeps this from becoming a general URL fetcher.
 */
export interface RendersClient {
  /** Absolute public URL of a /renders/… path, for links in tool results. */
  publicUrl: (path: string) => string;
  fetchArtifact: (path: string) => Promise<{ bytes: Buffer; contentType: string } | { error: string }>;
}

const MAX_ARTIFACT_BYTES = 8 * 1024 * 1024;

export function createRendersClient(rendersUrl: string, publicUrl: string): RendersClient {
  return {
    publicUrl: (path) => new URL(path, publicUrl).toString(),
    async fetchArtifact(path) {
      if (!path.startsWith('/renders/') || path.includes('..'))
        return { error: `not a render path: ${path}` };
      try {
        const res = await fetch(new URL(path, rendersUrl), { signal: AbortSignal.timeout(15_000) });
        if (!res.ok) return { error: `the render store answered ${res.status}` };
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length > MAX_ARTIFACT_BYTES) return { error: 'the artifact is too large to inline' };
        return { bytes, contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
      } catch {
        return { error: 'the render store is unreachable' };
      }
    },
  };
}
