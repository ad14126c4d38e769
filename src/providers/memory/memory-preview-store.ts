import type { PendingPreview, PreviewStore } from '../../ports/preview-store.ts';

/** Previews held in this process; they expire after `ttlMs` (default one hour). */
export function createMemoryPreviewStore(options: { ttlMs?: number; now?: () => number } = {}): PreviewStore {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const previews = new Map<string, PendingPreview>();
  const fresh = (preview: PendingPreview | undefined): PendingPreview | undefined =>
    preview && now() - preview.createdAt <= ttlMs ? preview : undefined;
  return {
    async save(preview) {
      for (const [id, existing] of previews) if (!fresh(existing)) previews.delete(id);
      previews.set(preview.previewId, preview);
    },
    async take(previewId) {
      const preview = fresh(previews.get(previewId));
      previews.delete(previewId);
      return preview;
    },
    async peek(previewId) {
      return fresh(previews.get(previewId));
    },
  };
}
